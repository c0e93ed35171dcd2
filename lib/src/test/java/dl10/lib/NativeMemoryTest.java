package dl10.lib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class NativeMemoryTest {

    /** Holds about 200 MB in 2 MB tensors, then closes them all. */
    private static void holdAndFree(NDManager base) {
        try (NDManager m = base.newSubManager()) {
            NDArray x = m.zeros(new Shape(2000, 8, 32));
            for (int i = 0; i < 100; i++) {
                x = x.add(1f);
            }
            assertEquals(100f, x.getFloat(0, 0, 0));
        }
    }

    @Test
    void trimGivesFreedTensorMemoryBack() {
        assumeTrue(NativeMemory.canTrim(), "glibc only");
        NativeMemory.tune(); // automatic trimming off: freed tensors stay resident until trim()
        try (NDManager base = NDManager.newBaseManager()) {
            holdAndFree(base);
            NativeMemory.trim();
            double baseline = NativeMemory.residentMb();
            holdAndFree(base);
            holdAndFree(base);
            double released = NativeMemory.trim();
            double after = NativeMemory.residentMb();
            assertTrue(released >= 0, "released " + released);
            assertTrue(after < baseline + 60, "resident " + after + " MB after trimming, " + baseline
                    + " MB before the 200 MB of tensors were held and freed");
        }
    }

    @Test
    void tuningHoldsOnGlibcAndIsIdempotent() {
        assumeTrue(NativeMemory.canTrim(), "glibc only");
        assertTrue(NativeMemory.tune());
        assertTrue(NativeMemory.tune());
    }

    @Test
    void residentSizesAreReadFromProc() {
        assumeTrue(java.nio.file.Files.exists(java.nio.file.Path.of("/proc/self/status")), "Linux only");
        double rss = NativeMemory.residentMb();
        assertTrue(rss > 10 && rss <= NativeMemory.peakResidentMb(), rss + " MB resident, peak " + NativeMemory.peakResidentMb());
    }
}
