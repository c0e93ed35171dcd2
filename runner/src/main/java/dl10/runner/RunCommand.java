package dl10.runner;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * The {@code run} command: runs every notebook, each in a fresh JVM, prints one line per notebook, writes
 * the report and exits with 0 only if every notebook passed (1 otherwise, 2 for bad arguments).
 */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Execute notebooks headless, top to bottom, each in a fresh JVM with the course kernel's engine.",
                "Exits 0 if every notebook passed, 1 if one failed or timed out (its message names the notebook, the cell and the line)."})
public final class RunCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "NOTEBOOK", arity = "1..*", description = "The notebooks (.ipynb) to run, in order.")
    private List<Path> notebooks;

    @CommandLine.ArgGroup(exclusive = true)
    private Destination destination;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "" + RunnerOptions.DEFAULT_TIMEOUT_SECONDS,
            description = "Seconds each cell may run (default: ${DEFAULT-VALUE}).")
    private int timeoutSeconds;

    @Option(names = "--report", paramLabel = "FILE", description = "Where the JSON report goes (default: target/notebook-report.json).")
    private Path report = RunReport.DEFAULT_PATH;

    @Option(names = "--fail-fast", description = "Stop after the first notebook that does not pass.")
    private boolean failFast;

    @Option(names = {"-p", "--parameter"}, arity = "2", paramLabel = "NAME VALUE",
            description = {"Run with this value for a parameter declared in the notebook's code cell tagged 'parameters'"
                    + " (such as int EPOCHS = 6;); repeatable, as papermill's -p. The values are assigned in a cell tagged"
                    + " 'injected-parameters' right after it."})
    private List<String> parameterPairs = new ArrayList<>();

    /** Where executed notebooks go: in place, or into a folder. */
    static final class Destination {
        @Option(names = {"--inplace", "--in-place"}, description = "Write the outputs into each notebook itself.")
        boolean inPlace;

        @Option(names = "--out", paramLabel = "DIR", description = "Write executed notebooks into DIR (default: target/executed-notebooks).")
        Path outputDir;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        RunnerOptions options;
        try {
            options = RunnerOptions.defaults().withTimeoutSeconds(timeoutSeconds);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--timeout: " + e.getMessage(), e);
        }
        java.util.Map<String, String> parameters = new java.util.LinkedHashMap<>();
        for (int i = 0; i + 1 < parameterPairs.size(); i += 2) {
            parameters.put(parameterPairs.get(i), parameterPairs.get(i + 1));
        }
        options = options.withParameters(parameters);
        if (destination != null && destination.inPlace) {
            options = options.withInPlace();
        } else if (destination != null && destination.outputDir != null) {
            options = options.withOutputDir(destination.outputDir);
        }
        NotebookRunner runner = new NotebookRunner(options);
        List<NotebookResult> results = new ArrayList<>();
        for (Path notebook : notebooks) {
            out.println("Running " + notebook + " ...");
            out.flush();
            NotebookResult result = runner.run(notebook);
            results.add(result);
            out.println(String.format(Locale.ROOT, "%s %s (%.1f s, peak %s)%s", result.status().label().toUpperCase(Locale.ROOT),
                    notebook, result.wallSeconds(), peak(result), result.passed() ? "" : "\n    " + result.failureMessage()));
            out.flush();
            if (!result.passed() && failFast) {
                break;
            }
        }
        try {
            RunReport.of(results).write(report);
            out.println("Report: " + report.toAbsolutePath());
        } catch (IOException e) {
            spec.commandLine().getErr().println("run: could not write the report " + report + ": " + e.getMessage());
            return 1;
        }
        return results.stream().allMatch(NotebookResult::passed) && results.size() == notebooks.size() ? 0 : 1;
    }

    private static String peak(NotebookResult result) {
        if (result.peakRssMb() == null) {
            return "n/a";
        }
        MemorySampler.MemoryPeak split = result.memoryAtPeak();
        return String.format(Locale.ROOT, "%.0f MB", result.peakRssMb()) + (split == null ? ""
                : String.format(Locale.ROOT, ": heap %.0f MB, native %.0f MB", split.heapMb(), split.nativeMb()));
    }
}
