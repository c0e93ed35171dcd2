package dl10.runner;

import dl10.kernel.jupyter.KernelSpec;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How the headless runner executes notebooks: the per-cell timeout, where executed notebooks are written
 * (in place, or into an output folder) and the JVM options of the child JVM. Immutable; change with the
 * {@code with...} methods.
 */
public final class RunnerOptions {
    /** Per-cell timeout used when none is given. */
    public static final int DEFAULT_TIMEOUT_SECONDS = 600;
    /** Folder for executed notebooks when neither in-place nor an output folder is chosen. */
    public static final Path DEFAULT_OUTPUT_DIR = Path.of("target", "executed-notebooks");
    /** JVM options of notebook JVMs unless DL10_JAVA_OPTS is set: the kernel's ({@link KernelSpec#DEFAULT_JVM_OPTIONS}). */
    public static final List<String> DEFAULT_JVM_OPTIONS = KernelSpec.DEFAULT_JVM_OPTIONS;

    private final int timeoutSeconds;
    private final Path outputDir;
    private final boolean inPlace;
    private final List<String> jvmOptions;
    private final Map<String, String> parameters;
    private final boolean labelLog;

    private RunnerOptions(int timeoutSeconds, Path outputDir, boolean inPlace, List<String> jvmOptions, Map<String, String> parameters,
            boolean labelLog) {
        if (timeoutSeconds <= 0) {
            throw new IllegalArgumentException("The cell timeout must be positive, got " + timeoutSeconds + " s");
        }
        this.timeoutSeconds = timeoutSeconds;
        this.outputDir = outputDir;
        this.inPlace = inPlace;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        this.labelLog = labelLog;
    }

    /** Defaults: 600 s per cell, output into target/executed-notebooks, JVM options from DL10_JAVA_OPTS or the defaults. */
    public static RunnerOptions defaults() {
        return new RunnerOptions(DEFAULT_TIMEOUT_SECONDS, DEFAULT_OUTPUT_DIR, false, jvmOptionsFromEnvironment(), Map.of(), false);
    }

    /** The JVM options named by DL10_JAVA_OPTS (split at spaces), or {@link #DEFAULT_JVM_OPTIONS}. */
    public static List<String> jvmOptionsFromEnvironment() {
        return KernelSpec.jvmOptionsFromEnvironment();
    }

    /** A copy with another per-cell timeout. */
    public RunnerOptions withTimeoutSeconds(int seconds) {
        return new RunnerOptions(seconds, outputDir, inPlace, jvmOptions, parameters, labelLog);
    }

    /** A copy that writes executed notebooks into the folder. */
    public RunnerOptions withOutputDir(Path dir) {
        return new RunnerOptions(timeoutSeconds, Objects.requireNonNull(dir, "dir"), false, jvmOptions, parameters, labelLog);
    }

    /** A copy that overwrites each notebook with its executed version. */
    public RunnerOptions withInPlace() {
        return new RunnerOptions(timeoutSeconds, outputDir, true, jvmOptions, parameters, labelLog);
    }

    /** A copy with other JVM options for the child JVM. */
    public RunnerOptions withJvmOptions(List<String> options) {
        return new RunnerOptions(timeoutSeconds, outputDir, inPlace, options, parameters, labelLog);
    }

    /**
     * A copy that runs notebooks with these parameter values (names as declared in each notebook's cell
     * tagged parameters, values as given on the command line; see {@link NotebookParameters}).
     */
    public RunnerOptions withParameters(Map<String, String> values) {
        return new RunnerOptions(timeoutSeconds, outputDir, inPlace, jvmOptions, values, labelLog);
    }

    /**
     * A copy that starts every line a notebook's JVM logs with the notebook's file name in brackets, so that
     * the logs of notebooks run at the same time ({@code run --jobs}) can be told apart.
     */
    public RunnerOptions withLabelledLog() {
        return new RunnerOptions(timeoutSeconds, outputDir, inPlace, jvmOptions, parameters, true);
    }

    /** True if each line of a notebook JVM's log starts with the notebook's file name. */
    public boolean labelLog() {
        return labelLog;
    }

    /** The parameter values notebooks run with, in the order given (empty: the notebooks' own defaults). */
    public Map<String, String> parameters() {
        return parameters;
    }

    /** Seconds a cell may run. */
    public int timeoutSeconds() {
        return timeoutSeconds;
    }

    /** Folder for executed notebooks (ignored in place). */
    public Path outputDir() {
        return outputDir;
    }

    /** True if notebooks are overwritten. */
    public boolean inPlace() {
        return inPlace;
    }

    /** JVM options of the child JVM. */
    public List<String> jvmOptions() {
        return jvmOptions;
    }

    /** Where the executed version of the notebook goes. */
    public Path outputFor(Path notebook) {
        return inPlace ? notebook : outputDir.resolve(notebook.getFileName());
    }
}
