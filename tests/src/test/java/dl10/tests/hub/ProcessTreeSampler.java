package dl10.tests.hub;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Samples process trees (a process and all its descendants, e.g. a student's Jupyter server and the
 * kernels it started) on a background thread: their memory from Linux's {@code /proc/PID/smaps_rollup}
 * and their CPU time. Keeps each tree's peak of these sums:
 * <ul>
 *   <li>RSS: resident pages, shared ones counted in full in every process (what {@code top} shows);</li>
 *   <li>PSS: shared pages divided among the processes that map them (what the tree really costs
 *       while others share its libraries);</li>
 *   <li>USS: private pages only (what one more such tree adds);</li>
 *   <li>CPU seconds used so far by the tree's living processes (user plus system time), a measure of
 *       the work done that, unlike wall time, does not grow when other programs load the machine.</li>
 * </ul>
 * Memory in MiB. A process that ends between listing and reading is skipped.
 */
public final class ProcessTreeSampler implements AutoCloseable {
    /** The peak sums of one tree: memory in MiB, CPU time in seconds. */
    public record Peak(double rssMib, double pssMib, double ussMib, double cpuSeconds) {
        Peak max(Peak other) {
            return new Peak(Math.max(rssMib, other.rssMib), Math.max(pssMib, other.pssMib), Math.max(ussMib, other.ussMib),
                    Math.max(cpuSeconds, other.cpuSeconds));
        }
    }

    private final Map<String, Supplier<Stream<ProcessHandle>>> trees;
    private final Map<String, Peak> peaks = new ConcurrentHashMap<>();
    private final Thread sampler;
    private volatile boolean running = true;
    private volatile int samples;

    /**
     * Starts sampling every {@code periodMillis}. Each tree is given as a supplier of its processes,
     * asked anew at every sample (kernels come and go).
     */
    public ProcessTreeSampler(Map<String, Supplier<Stream<ProcessHandle>>> trees, long periodMillis) {
        this.trees = new LinkedHashMap<>(trees);
        sampler = new Thread(() -> {
            while (running) {
                sampleOnce();
                try {
                    Thread.sleep(periodMillis);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "process-tree-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** A process and all its descendants. */
    public static Supplier<Stream<ProcessHandle>> tree(ProcessHandle root) {
        return () -> Stream.concat(Stream.of(root), root.descendants()).filter(ProcessHandle::isAlive);
    }

    private void sampleOnce() {
        trees.forEach((name, processes) -> {
            double[] sum = new double[4];
            processes.get().forEach(p -> {
                double[] m = read(p.pid());
                for (int i = 0; i < 3; i++) {
                    sum[i] += m[i];
                }
                sum[3] += p.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0);
            });
            peaks.merge(name, new Peak(sum[0], sum[1], sum[2], sum[3]), Peak::max);
        });
        samples++;
    }

    /** RSS, PSS and USS of one process in MiB; zeros when it is gone or unreadable. */
    static double[] read(long pid) {
        double rss = 0;
        double pss = 0;
        double uss = 0;
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps_rollup"))) {
                String[] parts = line.split("\\s+");
                if (parts.length < 2) {
                    continue;
                }
                double mib = parseKb(parts[1]) / 1024.0;
                switch (parts[0]) {
                    case "Rss:" -> rss = mib;
                    case "Pss:" -> pss = mib;
                    case "Private_Clean:", "Private_Dirty:" -> uss += mib;
                    default -> {
                        // other fields are not needed
                    }
                }
            }
        } catch (IOException | RuntimeException gone) {
            return new double[3];
        }
        return new double[] {rss, pss, uss};
    }

    private static double parseKb(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** True where /proc/self/smaps_rollup can be read (Linux 4.14 and newer). */
    public static boolean available() {
        return Files.isReadable(Path.of("/proc/self/smaps_rollup"));
    }

    /** Number of samples taken so far. */
    public int samples() {
        return samples;
    }

    /** The peaks seen so far, by tree name, in the order the trees were given. */
    public Map<String, Peak> peaks() {
        Map<String, Peak> ordered = new LinkedHashMap<>();
        trees.keySet().forEach(name -> ordered.put(name, peaks.getOrDefault(name, new Peak(0, 0, 0, 0))));
        return ordered;
    }

    /** Takes a last sample and stops. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        sampler.interrupt();
        sampler.join(5000);
        sampleOnce();
    }
}
