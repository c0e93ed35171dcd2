package dl10.runner;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

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

    @Option(names = {"-j", "--jobs"}, paramLabel = "N", defaultValue = "1",
            description = {"Run up to N notebooks at the same time, each in its own JVM (default: ${DEFAULT-VALUE}).",
                    "Each notebook's PyTorch uses one thread, so --jobs 2 puts a second core to work (the eighteen lessons:"
                    + " 197-210 s against 342-345 s one at a time, measured); each notebook's time and peak memory then include"
                    + " the load of the other. Lines of the"
                    + " notebooks' logs start with the notebook's file name; the report keeps the order given."})
    private int jobs;

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
        if (jobs < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--jobs: at least 1 notebook at a time, got " + jobs);
        }
        if (jobs > 1) {
            options = options.withLabelledLog();
        }
        List<NotebookResult> results = runAll(new NotebookRunner(options), out);
        try {
            RunReport.of(results).write(report);
            out.println("Report: " + report.toAbsolutePath());
        } catch (IOException e) {
            spec.commandLine().getErr().println("run: could not write the report " + report + ": " + e.getMessage());
            return 1;
        }
        return results.stream().allMatch(NotebookResult::passed) && results.size() == notebooks.size() ? 0 : 1;
    }

    /**
     * Runs the notebooks on {@code jobs} threads, each notebook in its own JVM, printing a line as each one
     * starts and ends. With --fail-fast no notebook starts after one has failed. The results keep the
     * order of the command line; notebooks never started are left out.
     */
    private List<NotebookResult> runAll(NotebookRunner runner, PrintWriter out) {
        NotebookResult[] results = new NotebookResult[notebooks.size()];
        AtomicBoolean failed = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(jobs, notebooks.size()));
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int i = 0; i < notebooks.size(); i++) {
                int index = i;
                runs.add(pool.submit(() -> {
                    if (failFast && failed.get()) {
                        return;
                    }
                    Path notebook = notebooks.get(index);
                    print(out, "Running " + notebook + " ...");
                    NotebookResult result = runner.run(notebook);
                    results[index] = result;
                    if (!result.passed()) {
                        failed.set(true);
                    }
                    print(out, String.format(Locale.ROOT, "%s %s (%.1f s, peak %s)%s", result.status().label().toUpperCase(Locale.ROOT),
                            notebook, result.wallSeconds(), peak(result), result.passed() ? "" : "\n    " + result.failureMessage()));
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the runner failed while running notebooks: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return Arrays.stream(results).filter(Objects::nonNull).toList();
    }

    private static void print(PrintWriter out, String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
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
