package dl10.lib;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The process's native memory, where PyTorch keeps every tensor: how glibc's {@code malloc} serves
 * it, its resident size, and giving freed memory back to the operating system.
 *
 * <p>Why this is needed. libtorch allocates tensors with {@code malloc}, and DJL frees a training
 * step's tensors all at once, when the step's manager closes. glibc adapts to that badly in three ways:
 * <ul>
 *   <li>It trims the top of a thread's heap as soon as more than its trim threshold is free there,
 *       so the freed step is handed back to the kernel and the next step faults every page in
 *       anew: measured 19 % of a LeNet training step's CPU time in page faults and 5 % in
 *       {@code madvise} (lesson 02's step: 11.8-13.3 ms of CPU against 8.5-8.7 ms with the settings
 *       below), and whether a process falls into that regime depends on its allocation history.</li>
 *   <li>It raises its mmap threshold after the first large free (up to 32 MB), so that memory of
 *       tensors of a few MB stays in its heap when freed, where nothing trims it in the middle: a
 *       lesson that once held 1 GB of activations keeps 1 GB (measured: 900 tensors of 2 MB, closed:
 *       the resident set stays at 1.9 GB; after {@link #trim()} 0.17 GB).</li>
 *   <li>It grows a heap by no more than each request needs. oneDNN's LSTM (DJL's {@code LSTM} block
 *       on the CPU) takes and frees large work areas at every step, and with only the two settings
 *       above lesson 04 still spent 7.7 s of CPU in the kernel on 4.2 million page faults (found
 *       with {@code perf record -e page-faults}: oneDNN's generated code touching fresh pages);
 *       with heaps grown 64 MB at a time, 3.3 s on 1.6 million (medians of three runs), at about the same
 *       peak memory (601 and 613 MB).</li>
 * </ul>
 * {@link #tune()} (called by the training loop and {@link Compute#seed}) therefore fixes the mmap
 * threshold at 32 MB (larger tensors get their own mapping, returned at once), turns automatic
 * trimming off and makes heaps grow 64 MB at a time; the training loop trims once at its end
 * instead, and a lesson may call {@link #trim()} after a large evaluation or generation (or every
 * few steps of a long generation loop). A fixed low threshold ({@code MALLOC_MMAP_THRESHOLD_=131072})
 * would return memory at once too, but costs 1.2 to 2.3 times the CPU time per step of lessons 02
 * and 06. See {@code mallopt(3)} and {@code malloc_trim(3)}.
 */
public final class NativeMemory {

    /** glibc's allocator functions; absent on other C libraries (musl, macOS), where trimming does nothing. */
    private interface CLibrary extends Library {
        int malloc_trim(NativeLong pad);

        int mallopt(int param, int value);
    }

    /** mallopt(3) parameters, from glibc's malloc.h. */
    private static final int M_TRIM_THRESHOLD = -1;
    private static final int M_TOP_PAD = -2;
    private static final int M_MMAP_THRESHOLD = -3;
    /** Tensors from this size up get a mapping of their own, returned to the system when freed (glibc's maximum). */
    static final int MMAP_THRESHOLD_BYTES = 32 << 20;
    /** Free memory at the top of a heap that glibc would trim by itself: beyond any lesson's working set. */
    static final int TRIM_THRESHOLD_BYTES = 1 << 30;
    /** Extra memory a heap takes whenever it has to grow, so that it grows in few large steps. */
    static final int TOP_PAD_BYTES = 64 << 20;

    private static final CLibrary LIBC = load();
    private static volatile boolean tuned;

    private NativeMemory() {
    }

    private static CLibrary load() {
        if (!Platform.isLinux()) {
            return null;
        }
        try {
            CLibrary c = Native.load("c", CLibrary.class);
            c.malloc_trim(new NativeLong(0)); // fails here, not later, where the symbol is missing
            return c;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return null;
        }
    }

    /**
     * Sets glibc's mmap threshold to 32 MB, its trim threshold to 1 GB and its top pad to 64 MB for this
     * process (once; later calls do nothing), so that a training step reuses the memory of the step
     * before instead of faulting it in again. Returns whether the settings are in force (false off glibc).
     */
    public static boolean tune() {
        if (LIBC == null) {
            return false;
        }
        if (!tuned) {
            synchronized (NativeMemory.class) {
                if (!tuned) {
                    boolean ok = LIBC.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES) == 1;
                    ok &= LIBC.mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD_BYTES) == 1;
                    ok &= LIBC.mallopt(M_TOP_PAD, TOP_PAD_BYTES) == 1;
                    tuned = ok;
                }
            }
        }
        return tuned;
    }

    /** True where freed native memory can be given back ({@link #trim()}): Linux with glibc. */
    public static boolean canTrim() {
        return LIBC != null;
    }

    /**
     * Gives the memory that freed tensors left in the C library's heap back to the operating system
     * ({@code malloc_trim(0)}): arrays still in use are untouched, and the next allocations take memory
     * anew. Takes about a millisecond per 10 MB given back. Returns the drop of the resident set in MB
     * (0 where it is not known or trimming is not available).
     */
    public static double trim() {
        if (LIBC == null) {
            return 0;
        }
        double before = residentMb();
        LIBC.malloc_trim(new NativeLong(0));
        double after = residentMb();
        return before < 0 || after < 0 ? 0 : Math.max(0, before - after);
    }

    /** The process's resident set (VmRSS) in MB: Java heap, native memory and mapped libraries; -1 where unknown. */
    public static double residentMb() {
        return statusMb("VmRSS:");
    }

    /** The largest resident set the process has had so far (VmHWM) in MB; -1 where unknown. */
    public static double peakResidentMb() {
        return statusMb("VmHWM:");
    }

    private static double statusMb(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.substring(key.length()).replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return -1;
    }
}
