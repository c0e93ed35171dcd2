package dl10.runner;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Renders the headless runner's JSON report as a Markdown page (RESULTS.md): one row per lesson
 * with its status, wall seconds, peak memory and every metric it recorded next to its threshold, so
 * the state of the course is visible without running anything.
 */
public final class ResultsPage {
    private ResultsPage() {
    }

    /**
     * The {@code results REPORT.json PAGE.md [--binder URL]} command: writes the page and returns the
     * process exit code (0, or 2 for bad arguments or an unreadable report).
     */
    public static int run(String[] args, PrintStream out) {
        if (args.length < 2) {
            out.println("usage: results REPORT.json PAGE.md [--binder BASE_URL]");
            return 2;
        }
        Path report = Path.of(args[0]);
        Path page = Path.of(args[1]);
        String binder = null;
        for (int i = 2; i < args.length; i++) {
            if (args[i].equals("--binder") && i + 1 < args.length) {
                binder = args[++i];
            } else {
                out.println("results: unknown option '" + args[i] + "'; usage: results REPORT.json PAGE.md [--binder BASE_URL]");
                return 2;
            }
        }
        try {
            JsonObject json = JsonParser.parseString(Files.readString(report, StandardCharsets.UTF_8)).getAsJsonObject();
            Files.writeString(page, markdown(json, page.toAbsolutePath().getParent(), binder), StandardCharsets.UTF_8);
            out.println("wrote " + page + " from " + report);
            return 0;
        } catch (NoSuchFileException e) {
            out.println("results: no report at " + report + "; run the notebooks first: run notebooks/*.ipynb --report " + report);
            return 2;
        } catch (IOException | RuntimeException e) {
            out.println("results: cannot read the report " + report + ": " + e.getMessage());
            return 2;
        }
    }

    /**
     * The Markdown page for a report. Lesson links are made relative to {@code pageDir}; with a
     * Binder base URL (e.g. https://mybinder.org/v2/gh/OWNER/REPO/HEAD) each lesson also gets a
     * link that opens it in JupyterLab on Binder.
     */
    public static String markdown(JsonObject report, Path pageDir, String binderBase) {
        StringBuilder md = new StringBuilder();
        md.append("# Course results\n\n");
        md.append("Every lesson re-executed headless, top to bottom, each in a fresh JVM")
                .append(" (report generated ").append(text(report, "generated")).append(").\n")
                .append("Remake this page with `environment/execute-notebooks.sh`.\n\n");
        md.append("| Lesson | Status | Seconds | Peak memory | Metrics (value, required) |\n");
        md.append("|---|---|---:|---:|---|\n");
        JsonArray notebooks = report.getAsJsonArray("notebooks");
        int passed = 0;
        for (JsonElement element : notebooks) {
            JsonObject nb = element.getAsJsonObject();
            String status = text(nb, "status");
            if ("passed".equals(status)) {
                passed++;
            }
            md.append("| ").append(lessonLink(nb, pageDir, binderBase))
                    .append(" | ").append("passed".equals(status) ? "✅ passed" : "❌ " + status)
                    .append(" | ").append(String.format(Locale.ROOT, "%.1f", nb.get("seconds").getAsDouble()))
                    .append(" | ").append(memory(nb))
                    .append(" | ").append(metrics(nb))
                    .append(" |\n");
        }
        md.append("\n").append(passed).append(" of ").append(notebooks.size()).append(" lessons passed.\n");
        for (JsonElement element : notebooks) {
            JsonObject nb = element.getAsJsonObject();
            if (nb.has("error") && !nb.get("error").isJsonNull()) {
                md.append("\n**").append(name(nb)).append("** failed:\n\n```\n")
                        .append(nb.get("error").getAsString().strip()).append("\n```\n");
            }
        }
        return md.toString();
    }

    private static String lessonLink(JsonObject nb, Path pageDir, String binderBase) {
        Path notebook = Path.of(text(nb, "notebook")).toAbsolutePath().normalize();
        String relative = pageDir == null ? notebook.toString()
                : pageDir.toAbsolutePath().normalize().relativize(notebook).toString().replace('\\', '/');
        String link = "[" + name(nb) + "](" + relative + ")";
        if (binderBase != null && !binderBase.isBlank()) {
            link += " [▶ Binder](" + binderBase + "?urlpath=lab/tree/" + relative + ")";
        }
        return link;
    }

    private static String name(JsonObject nb) {
        return Path.of(text(nb, "notebook")).getFileName().toString().replace(".ipynb", "");
    }

    private static String memory(JsonObject nb) {
        double mb = nb.has("peakRssMb") && !nb.get("peakRssMb").isJsonNull() ? nb.get("peakRssMb").getAsDouble() : -1;
        return mb < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f MB", mb);
    }

    private static String metrics(JsonObject nb) {
        if (!nb.has("metrics") || nb.getAsJsonArray("metrics").isEmpty()) {
            return "none recorded";
        }
        StringBuilder cell = new StringBuilder();
        for (JsonElement element : nb.getAsJsonArray("metrics")) {
            JsonObject m = element.getAsJsonObject();
            if (cell.length() > 0) {
                cell.append("<br>");
            }
            cell.append(text(m, "name")).append(" = ").append(number(m.get("value")));
            if (m.has("threshold") && !m.get("threshold").isJsonNull()) {
                boolean ok = m.has("passed") && !m.get("passed").isJsonNull() && m.get("passed").getAsBoolean();
                cell.append(" (").append(text(m, "op")).append(" ").append(number(m.get("threshold")))
                        .append(ok ? " ✅" : " ❌").append(")");
            }
        }
        return cell.toString();
    }

    private static String number(JsonElement value) {
        if (value == null || value.isJsonNull()) {
            return "n/a";
        }
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isNumber()) {
            return value.getAsString();
        }
        double v = value.getAsDouble();
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return String.valueOf((long) v);
        }
        if (Math.abs(v) >= 100) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }

    private static String text(JsonObject object, String field) {
        return object.has(field) && !object.get(field).isJsonNull() ? object.get(field).getAsString() : "";
    }
}
