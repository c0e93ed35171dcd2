package dl10.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a process's memory figures from {@code /proc/<pid>/status} on Linux (proc(5)): the peak resident
 * set (VmHWM) and the current one (VmRSS).
 */
public final class ProcessMemory {
    private ProcessMemory() {
    }

    /** Peak resident set size of this JVM in MB, or -1 where /proc is not available. */
    public static double peakRssMbOfSelf() {
        return peakRssMb(Path.of("/proc/self/status"));
    }

    /** Peak resident set size in MB from a /proc status file, or -1 if it cannot be read. */
    public static double peakRssMb(Path statusFile) {
        return statusFieldMb(statusFile, "VmHWM");
    }

    /** A field given in kB in a /proc status file (such as VmRSS), in MB to one decimal, or -1 if it cannot be read. */
    public static double statusFieldMb(Path statusFile, String field) {
        try {
            for (String line : Files.readAllLines(statusFile)) {
                if (line.startsWith(field + ":")) {
                    String[] parts = line.substring(field.length() + 1).trim().split("\\s+");
                    return Math.round(Long.parseLong(parts[0]) / 1024.0 * 10) / 10.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
