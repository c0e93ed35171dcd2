package dl10.lib.notebook;

/**
 * Starts slf4j (through which DJL and the library log) while a kernel is loading the library, before any
 * cell runs: slf4j reports a missing logging binding once, on standard error, when it starts, and a kernel
 * that captures standard error during a cell would show that report as the cell's output. Started here,
 * it goes to the kernel's own log.
 */
final class NotebookLogging {
    private NotebookLogging() {
    }

    /** Starts slf4j's logger factory now (it does so once per class loader). */
    static void initialise() {
        org.slf4j.LoggerFactory.getILoggerFactory();
    }
}
