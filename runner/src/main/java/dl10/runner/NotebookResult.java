package dl10.runner;

import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of running one notebook headless: its status, the failure message naming notebook, cell and
 * line, wall time, the notebook JVM's peak resident memory (VmHWM, null if unknown) and its split into Java
 * heap and the rest at the largest sampled resident set (null if unknown), the metrics the notebook
 * recorded and where the executed notebook was written (null if nowhere).
 */
public record NotebookResult(Path notebook, Status status, String failureMessage, double wallSeconds,
                             Double peakRssMb, MemorySampler.MemoryPeak memoryAtPeak, List<Metric> metrics,
                             Path outputNotebook) {
    /** A result; metrics are copied. */
    public NotebookResult {
        metrics = List.copyOf(metrics);
    }

    /** A notebook that could not be run at all. */
    static NotebookResult failed(Path notebook, String message, double seconds) {
        return new NotebookResult(notebook, Status.FAILED, message, seconds, null, null, List.of(), null);
    }

    /** True if every cell ran without error. */
    public boolean passed() {
        return status == Status.PASSED;
    }

    /** The metrics checked against a threshold. */
    public List<Metric> checks() {
        return metrics.stream().filter(Metric::checked).toList();
    }
}
