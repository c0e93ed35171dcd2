package dl10.runner;

import java.util.Arrays;
import java.util.List;

/**
 * Command line of the runner jar: {@code run NOTEBOOK... [...]} (headless execution, each notebook in a
 * fresh JVM) and {@code results REPORT.json PAGE.md} (the course results page).
 */
public final class Main {
    private Main() {
    }

    /** Dispatches to the sub-command. */
    public static void main(String[] args) {
        if (args.length == 0) {
            usage();
            System.exit(2);
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        switch (args[0]) {
            case "run" -> System.exit(RunCommand.run(rest, System.out));
            case "results" -> System.exit(ResultsPage.run(rest.toArray(String[]::new), System.out));
            default -> {
                usage();
                System.exit(2);
            }
        }
    }

    private static void usage() {
        System.err.println(String.join("\n",
                "usage: java -jar dl10-runner.jar COMMAND",
                "  run NOTEBOOK... [--inplace | --out DIR] [--timeout SECONDS] [--report FILE] [--fail-fast]",
                "                              execute notebooks headless, each in a fresh JVM",
                "  results REPORT.json PAGE.md [--binder BASE_URL]",
                "                              render a run's report as a Markdown results page"));
    }
}
