package dl10.runner;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MemorySamplerTest {
    private static void status(Path file, long rssKb) throws IOException {
        Files.writeString(file, "Name:\tjava\nVmPeak:\t 9000000 kB\nVmHWM:\t 2048000 kB\nVmRSS:\t " + rssKb + " kB\nThreads:\t40\n");
    }

    @Test
    void keepsTheSampleWithTheLargestResidentSet(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("status");
        MemorySampler sampler = new MemorySampler(file);
        status(file, 512_000);
        sampler.sample();
        status(file, 1_024_000);
        sampler.sample();
        status(file, 700_000);
        sampler.sample();
        MemorySampler.MemoryPeak peak = sampler.peak();
        assertEquals(1000.0, peak.rssMb());
        assertTrue(peak.heapCommittedMb() > 0 && peak.heapUsedMb() <= peak.heapCommittedMb(), peak.toString());
        assertTrue(peak.heapMb() > 0 && peak.heapMb() <= peak.heapCommittedMb(), peak.toString());
        assertEquals(1000.0 - peak.heapMb(), peak.nativeMb(), 0.11, peak.toString());
    }

    @Test
    void theHeapEstimateGrowsWithWhatTheCollectorFills() {
        for (var pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == java.lang.management.MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
        double before = MemorySampler.residentHeapMb();
        byte[][] blocks = new byte[40][];
        for (int i = 0; i < blocks.length; i++) {
            blocks[i] = new byte[1 << 20];
        }
        double after = MemorySampler.residentHeapMb();
        assertTrue(after >= before + 20, "40 MB allocated: " + before + " -> " + after + " (" + blocks.length + " blocks)");
    }

    @Test
    void withoutProcThereIsNoPeak(@TempDir Path dir) {
        MemorySampler sampler = new MemorySampler(dir.resolve("no-such-status"));
        sampler.sample();
        assertNull(sampler.peak());
    }

    @Test
    void samplesThisJvmWhileStarted() throws Exception {
        try (MemorySampler sampler = new MemorySampler().start()) {
            Thread.sleep(3 * MemorySampler.INTERVAL_MILLIS);
            MemorySampler.MemoryPeak peak = sampler.peak();
            // VmRSS and VmHWM are folded from per-thread counters lazily: a sample may read slightly above the peak
            assertTrue(peak != null && peak.rssMb() > 10 && peak.rssMb() <= ProcessMemory.peakRssMbOfSelf() + 1, String.valueOf(peak));
        }
    }

    @Test
    void procStatusFieldsAreReadInMegabytes(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("status");
        status(file, 1536);
        assertEquals(1.5, ProcessMemory.statusFieldMb(file, "VmRSS"));
        assertEquals(2000.0, ProcessMemory.peakRssMb(file));
        assertEquals(-1, ProcessMemory.statusFieldMb(file, "VmSwap"), "a missing field");
        Files.writeString(file, "VmRSS:\tlots kB\n");
        assertEquals(-1, ProcessMemory.statusFieldMb(file, "VmRSS"), "a field that is not a number");
        assertEquals(-1, ProcessMemory.peakRssMb(dir.resolve("none")), "no file");
    }
}
