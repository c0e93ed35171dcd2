package dl10.runner;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples a notebook JVM's own memory while it runs: the resident set (VmRSS, from /proc) and the Java heap
 * (from the {@link MemoryMXBean} and the heap's memory pools), and keeps the sample with the largest resident
 * set, so a report can split the peak into the Java heap and everything else (PyTorch's tensors and
 * libraries, JIT code, metaspace, thread stacks).
 * <p>The heap's resident part is estimated as the pages the collector has filled so far: for each heap pool
 * (eden, survivor, old generation) the peak of its use, at most its committed size. Pages once touched stay
 * resident, while the committed heap is not (the JVM commits a 64th of the machine's memory at start,
 * which may never be touched), so the committed size would overstate the heap and hide native memory.
 */
public final class MemorySampler implements AutoCloseable {
    /** Milliseconds between samples. */
    public static final long INTERVAL_MILLIS = 100;

    private final Path statusFile;
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "dl10-memory-sampler");
        thread.setDaemon(true);
        return thread;
    });
    private MemoryPeak peak;

    /**
     * The memory of one sample, in MB: the resident set; the Java heap's resident part (estimated, see the
     * class comment); the rest of the resident set, native memory (rssMb - heapMb, at least 0); and the
     * heap in use and committed at that moment.
     */
    public record MemoryPeak(double rssMb, double heapMb, double nativeMb, double heapUsedMb, double heapCommittedMb) {
    }

    /** A sampler of this JVM, reading /proc/self/status; call {@link #start()} to begin. */
    public MemorySampler() {
        this(Path.of("/proc/self/status"));
    }

    MemorySampler(Path statusFile) {
        this.statusFile = statusFile;
    }

    /** Takes a sample now and then every {@value #INTERVAL_MILLIS} ms until closed. */
    public MemorySampler start() {
        sample();
        timer.scheduleWithFixedDelay(this::sample, INTERVAL_MILLIS, INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
        return this;
    }

    /** Takes one sample and keeps it if its resident set is the largest so far. */
    public synchronized void sample() {
        double rss = ProcessMemory.statusFieldMb(statusFile, "VmRSS");
        if (rss < 0) {
            return;
        }
        if (peak == null || rss > peak.rssMb()) {
            MemoryUsage heap = memory.getHeapMemoryUsage();
            double touched = residentHeapMb();
            peak = new MemoryPeak(rss, round(touched), round(Math.max(0, rss - touched)),
                    round(heap.getUsed() / 1048576.0), round(heap.getCommitted() / 1048576.0));
        }
    }

    /** The heap pages filled so far: each heap pool's peak use, at most its committed size, in MB. */
    static double residentHeapMb() {
        long bytes = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.isValid()) {
                MemoryUsage peakUsage = pool.getPeakUsage();
                MemoryUsage usage = pool.getUsage();
                if (peakUsage != null && usage != null) {
                    bytes += Math.min(peakUsage.getUsed(), usage.getCommitted());
                }
            }
        }
        return bytes / 1048576.0;
    }

    /** The sample with the largest resident set, or null where /proc is not available. */
    public synchronized MemoryPeak peak() {
        return peak;
    }

    private static double round(double mb) {
        return Math.round(mb * 10) / 10.0;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
