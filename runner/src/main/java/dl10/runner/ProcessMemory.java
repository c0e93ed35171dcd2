package dl10.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the peak resident memory (VmHWM) of a process from {@code /proc/<pid>/status} on Linux.
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
        try {
            for (String line : Files.readAllLines(statusFile)) {
                if (line.startsWith("VmHWM:")) {
                    String[] parts = line.substring(6).trim().split("\\s+");
                    return Math.round(Long.parseLong(parts[0]) / 1024.0 * 10) / 10.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
