package dl10.runner;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code run} sub-command: {@code run NOTEBOOK... [--inplace | --out DIR] [--timeout SECONDS]
 * [--report FILE] [--fail-fast]}. Runs every notebook, prints one line per notebook, writes the report and
 * returns 0 only if every notebook passed.
 */
public final class RunCommand {
    private RunCommand() {
    }

    /** Runs the command and returns the process exit code. */
    public static int run(List<String> args, PrintStream out) {
        RunnerOptions options = RunnerOptions.defaults();
        Path report = RunReport.DEFAULT_PATH;
        boolean failFast = false;
        List<Path> notebooks = new ArrayList<>();
        try {
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                switch (arg) {
                    case "--inplace", "--in-place" -> options = options.withInPlace();
                    case "--out" -> options = options.withOutputDir(Path.of(value(args, ++i, arg)));
                    case "--timeout" -> options = options.withTimeoutSeconds(parseSeconds(value(args, ++i, arg)));
                    case "--report" -> report = Path.of(value(args, ++i, arg));
                    case "--fail-fast" -> failFast = true;
                    default -> {
                        if (arg.startsWith("--")) {
                            throw new IllegalArgumentException("unknown option " + arg);
                        }
                        notebooks.add(Path.of(arg));
                    }
                }
            }
            if (notebooks.isEmpty()) {
                throw new IllegalArgumentException("no notebook given");
            }
        } catch (IllegalArgumentException e) {
            out.println("run: " + e.getMessage());
            out.println("usage: run NOTEBOOK... [--inplace | --out DIR] [--timeout SECONDS] [--report FILE] [--fail-fast]");
            return 2;
        }
        NotebookRunner runner = new NotebookRunner(options);
        List<NotebookResult> results = new ArrayList<>();
        for (Path notebook : notebooks) {
            out.println("Running " + notebook + " ...");
            NotebookResult result = runner.run(notebook);
            results.add(result);
            out.println(String.format(Locale.ROOT, "%s %s (%.1f s, peak %.0f MB)%s", result.status().toUpperCase(Locale.ROOT),
                    notebook, result.wallSeconds(), result.peakRssMb(),
                    result.passed() ? "" : "\n    " + result.failureMessage()));
            if (!result.passed() && failFast) {
                break;
            }
        }
        try {
            new RunReport(results).write(report);
            out.println("Report: " + report.toAbsolutePath());
        } catch (IOException e) {
            out.println("run: could not write the report " + report + ": " + e.getMessage());
            return 1;
        }
        return results.stream().allMatch(NotebookResult::passed) && results.size() == notebooks.size() ? 0 : 1;
    }

    private static String value(List<String> args, int index, String option) {
        if (index >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(index);
    }

    private static int parseSeconds(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--timeout needs whole seconds, got '" + text + "'");
        }
    }
}
