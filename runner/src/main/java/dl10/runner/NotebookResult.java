package dl10.runner;

import com.google.gson.JsonObject;

import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of running one notebook headless: status ("passed", "failed" or "timeout"), the failure
 * message naming notebook, cell and line, wall time, the child JVM's peak resident memory, the metrics
 * the notebook recorded and where the executed notebook was written.
 */
public record NotebookResult(Path notebook, String status, String failureMessage, double wallSeconds,
                             double peakRssMb, List<JsonObject> metrics, Path outputNotebook) {
    /** Status of a notebook whose cells all ran. */
    public static final String PASSED = "passed";
    /** Status of a notebook with a failing cell. */
    public static final String FAILED = "failed";
    /** Status of a notebook with a cell that ran out of time. */
    public static final String TIMEOUT = "timeout";

    /** A result; metrics are copied. */
    public NotebookResult {
        metrics = List.copyOf(metrics);
    }

    /** True if every cell ran without error. */
    public boolean passed() {
        return PASSED.equals(status);
    }
}
