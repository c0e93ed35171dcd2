package dl10.tests.browser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A memory limit on a group of processes through the cgroup v1 memory controller, as a Binder or
 * JupyterHub container has one: a folder under {@code /sys/fs/cgroup/memory} with
 * {@code memory.limit_in_bytes}; a process written into {@code cgroup.procs} and every child it starts
 * later are counted together. The peak of the group is {@code memory.max_usage_in_bytes} (resident
 * memory plus the page cache the group brought in; writing 0 restarts it); a sampler thread also keeps
 * the peak of resident memory alone ({@code total_rss} in {@code memory.stat}), which is what cannot
 * be reclaimed when the limit is reached. {@link #close()} removes the group.
 */
final class MemoryCgroup implements AutoCloseable {
    static final Path ROOT = Path.of("/sys/fs/cgroup/memory");

    private final Path dir;
    private final long limitBytes;
    private final AtomicLong peakRss = new AtomicLong();
    private final Thread sampler;
    private volatile boolean closed;

    private MemoryCgroup(Path dir, long limitBytes) {
        this.dir = dir;
        this.limitBytes = limitBytes;
        this.sampler = new Thread(this::sample, "cgroup-rss-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** The outcome of trying to make a group: the group, or why there is none. */
    record Attempt(Optional<MemoryCgroup> group, String reason) {
    }

    /** Makes the group {@code name} with the given limit, or says why it cannot be made here. */
    static Attempt create(String name, long limitBytes) {
        if (!Files.isDirectory(ROOT) || !Files.isRegularFile(ROOT.resolve("memory.limit_in_bytes"))) {
            return new Attempt(Optional.empty(), "no cgroup v1 memory controller at " + ROOT
                    + " (cgroup v2 only, or not mounted)");
        }
        Path dir = ROOT.resolve(name);
        try {
            Files.createDirectories(dir);
            write(dir.resolve("memory.limit_in_bytes"), Long.toString(limitBytes));
            long set = read(dir.resolve("memory.limit_in_bytes"));
            if (set != limitBytes) {
                Files.deleteIfExists(dir);
                return new Attempt(Optional.empty(), "the kernel set the limit of " + dir + " to " + set
                        + " bytes instead of " + limitBytes);
            }
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(dir);
            } catch (IOException ignored) {
                // the reason below is what matters
            }
            return new Attempt(Optional.empty(), "cannot make the memory cgroup " + dir + " (" + e
                    + "); making one needs root and a writable cgroup v1 memory controller");
        }
        return new Attempt(Optional.of(new MemoryCgroup(dir, limitBytes)), null);
    }

    /** The folder of the group: a process writes its own pid into {@code cgroup.procs} there to join. */
    Path dir() {
        return dir;
    }

    long limitBytes() {
        return limitBytes;
    }

    /** Moves a running process (with all its threads) into the group; children it starts later follow. */
    void add(long pid) throws IOException {
        write(dir.resolve("cgroup.procs"), Long.toString(pid));
    }

    /** The processes in the group now. */
    List<Long> pids() throws IOException {
        return Files.readAllLines(dir.resolve("cgroup.procs")).stream().filter(l -> !l.isBlank())
                .map(Long::parseLong).toList();
    }

    /** Starts a new measurement: the group's peak and the sampled resident peak restart from now. */
    void resetPeak() throws IOException {
        write(dir.resolve("memory.max_usage_in_bytes"), "0");
        peakRss.set(0);
    }

    /** Highest memory use of the group since the last reset (resident memory and page cache), in bytes. */
    long peakBytes() throws IOException {
        return read(dir.resolve("memory.max_usage_in_bytes"));
    }

    /** Highest resident memory of the group's processes seen by the sampler since the last reset, in bytes. */
    long peakRssBytes() {
        return peakRss.get();
    }

    /** How often the group hit its limit (the kernel then reclaims page cache, or kills a process). */
    long failCount() throws IOException {
        return read(dir.resolve("memory.failcnt"));
    }

    /** Processes of the group killed for lack of memory (0 where the kernel does not count them). */
    long oomKills() throws IOException {
        for (String line : Files.readAllLines(dir.resolve("memory.oom_control"))) {
            if (line.startsWith("oom_kill ")) {
                return Long.parseLong(line.substring("oom_kill ".length()).trim());
            }
        }
        return 0;
    }

    private void sample() {
        Path stat = dir.resolve("memory.stat");
        while (!closed) {
            try {
                for (String line : Files.readAllLines(stat)) {
                    if (line.startsWith("total_rss ")) {
                        long rss = Long.parseLong(line.substring("total_rss ".length()).trim());
                        peakRss.accumulateAndGet(rss, Math::max);
                    }
                }
                Thread.sleep(100);
            } catch (IOException | RuntimeException e) {
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Ends what is left in the group (normally nothing: the server was stopped before) and removes the
     * group; processes that will not end are moved back to the root group first.
     */
    @Override
    public void close() throws IOException {
        closed = true;
        sampler.interrupt();
        for (long pid : pids()) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!pids().isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (long pid : pids()) {
            write(ROOT.resolve("cgroup.procs"), Long.toString(pid));
        }
        Files.delete(dir);
    }

    private static long read(Path file) throws IOException {
        return Long.parseLong(Files.readString(file).trim());
    }

    private static void write(Path file, String value) throws IOException {
        Files.writeString(file, value, StandardCharsets.US_ASCII);
    }
}
