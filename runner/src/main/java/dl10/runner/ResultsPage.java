package dl10.runner;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * Renders the headless runner's JSON report as a Markdown page (RESULTS.md): one row per lesson
 * with its status, wall seconds, peak memory and every metric it recorded next to its threshold, so
 * the state of the course is visible without running anything. As a command:
 * {@code results REPORT.json PAGE.md [--binder BASE_URL]}.
 */
@Command(name = "results", mixinStandardHelpOptions = true,
        description = "Render a run's JSON report as a Markdown results page (RESULTS.md).")
public final class ResultsPage implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "REPORT.json", description = "The report written by run --report.")
    private Path report;

    @Parameters(index = "1", paramLabel = "PAGE.md", description = "The page to write; lesson links are relative to its folder.")
    private Path page;

    @Option(names = "--binder", paramLabel = "BASE_URL",
            description = "Binder URL of the repository (e.g. https://mybinder.org/v2/gh/OWNER/REPO/HEAD): adds a Binder link per lesson.")
    private String binder;

    @Override
    public Integer call() {
        RunReport json;
        try {
            json = RunReport.read(report);
        } catch (NoSuchFileException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "no report at " + report
                    + "; run the notebooks first: run notebooks/*.ipynb --report " + report);
        } catch (IOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "cannot read the report " + report + ": " + e.getMessage());
        }
        try {
            Files.writeString(page, markdown(json, page.toAbsolutePath().getParent(), binder), StandardCharsets.UTF_8);
        } catch (IOException e) {
            spec.commandLine().getErr().println("results: cannot write " + page + ": " + e.getMessage());
            return 1;
        }
        spec.commandLine().getOut().println("wrote " + page + " from " + report);
        return 0;
    }

    /**
     * The Markdown page for a report. Lesson links are made relative to {@code pageDir}; with a
     * Binder base URL (e.g. https://mybinder.org/v2/gh/OWNER/REPO/HEAD) each lesson also gets a
     * link that opens it in JupyterLab on Binder.
     */
    public static String markdown(RunReport report, Path pageDir, String binderBase) {
        StringBuilder md = new StringBuilder();
        md.append("# Course results\n\n");
        md.append("Every lesson re-executed headless, top to bottom, each in a fresh JVM")
                .append(" (report generated ").append(report.generated() == null ? "" : report.generated()).append(").\n")
                .append("Remake this page with `environment/execute-notebooks.sh`.\n")
                .append("Peak memory is the notebook JVM's peak resident set; below it, at the largest sampled resident set,")
                .append(" the Java heap (the pages its collector has filled) and the rest (native: PyTorch's tensors and libraries, JIT code, metaspace, threads).\n\n");
        md.append("| Lesson | Status | Seconds | Peak memory (MB) | Metrics (value, required) |\n");
        md.append("|---|---|---:|---:|---|\n");
        int passed = 0;
        for (RunReport.Entry nb : report.notebooks()) {
            if (nb.status() == Status.PASSED) {
                passed++;
            }
            md.append("| ").append(lessonLink(nb, pageDir, binderBase))
                    .append(" | ").append(nb.status() == Status.PASSED ? "✅ passed" : "❌ " + label(nb.status()))
                    .append(" | ").append(String.format(Locale.ROOT, "%.1f", nb.seconds()))
                    .append(" | ").append(memory(nb))
                    .append(" | ").append(metrics(nb))
                    .append(" |\n");
        }
        md.append("\n").append(passed).append(" of ").append(report.notebooks().size()).append(" lessons passed.\n");
        for (RunReport.Entry nb : report.notebooks()) {
            if (nb.error() != null) {
                md.append("\n**").append(name(nb)).append("** failed:\n\n```\n")
                        .append(nb.error().strip()).append("\n```\n");
            }
        }
        return md.toString();
    }

    private static String label(Status status) {
        return status == null ? "unknown" : status.label();
    }

    private static String lessonLink(RunReport.Entry nb, Path pageDir, String binderBase) {
        Path notebook = Path.of(nb.notebook()).toAbsolutePath().normalize();
        String relative = pageDir == null ? notebook.toString()
                : pageDir.toAbsolutePath().normalize().relativize(notebook).toString().replace('\\', '/');
        String link = "[" + name(nb) + "](" + relative + ")";
        if (binderBase != null && !binderBase.isBlank()) {
            link += " [▶ Binder](" + binderBase + "?urlpath=lab/tree/" + relative + ")";
        }
        return link;
    }

    private static String name(RunReport.Entry nb) {
        return Path.of(nb.notebook()).getFileName().toString().replace(".ipynb", "");
    }

    /** Peak resident memory, and at the largest sample its Java heap and native parts. */
    static String memory(RunReport.Entry nb) {
        Double mb = nb.peakRssMb();
        if (mb == null || mb < 0) {
            return "n/a";
        }
        String peak = String.format(Locale.ROOT, "%.0f MB", mb);
        MemorySampler.MemoryPeak split = nb.memory();
        return split == null ? peak : peak + String.format(Locale.ROOT, "<br>heap %.0f · native %.0f", split.heapMb(), split.nativeMb());
    }

    private static String metrics(RunReport.Entry nb) {
        if (nb.metrics().isEmpty()) {
            return "none recorded";
        }
        StringBuilder cell = new StringBuilder();
        for (Metric m : nb.metrics()) {
            if (cell.length() > 0) {
                cell.append("<br>");
            }
            cell.append(m.name()).append(" = ").append(number(m.value()));
            if (m.checked()) {
                cell.append(" (").append(m.op()).append(" ").append(number(m.threshold()))
                        .append(m.held() ? " ✅" : " ❌").append(")");
            }
        }
        return cell.toString();
    }

    private static String number(Double value) {
        if (value == null) {
            return "n/a";
        }
        double v = value;
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return String.valueOf((long) v);
        }
        if (Math.abs(v) >= 100) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }
}
