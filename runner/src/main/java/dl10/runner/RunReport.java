package dl10.runner;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The JSON report of a run: {@code {"generated": ISO time, "notebooks": [{"notebook", "status",
 * "seconds", "peakRssMb", "metrics", "error"}]}}.
 */
public final class RunReport {
    /** Default report path, relative to the working directory. */
    public static final Path DEFAULT_PATH = Path.of("target", "notebook-report.json");

    private final List<NotebookResult> results;
    private final Instant generated;

    /** A report of the results, stamped now. */
    public RunReport(List<NotebookResult> results) {
        this(results, Instant.now());
    }

    /** A report of the results with an explicit time stamp. */
    public RunReport(List<NotebookResult> results, Instant generated) {
        this.results = List.copyOf(results);
        this.generated = generated;
    }

    /** The report as JSON. */
    public JsonObject toJson() {
        JsonObject report = new JsonObject();
        report.addProperty("generated", generated.toString());
        JsonArray notebooks = new JsonArray();
        for (NotebookResult result : results) {
            JsonObject entry = new JsonObject();
            entry.addProperty("notebook", result.notebook().toString());
            entry.addProperty("status", result.status());
            entry.addProperty("seconds", Math.round(result.wallSeconds() * 1000) / 1000.0);
            entry.addProperty("peakRssMb", result.peakRssMb());
            JsonArray metrics = new JsonArray();
            result.metrics().forEach(metrics::add);
            entry.add("metrics", metrics);
            entry.addProperty("error", result.failureMessage());
            notebooks.add(entry);
        }
        report.add("notebooks", notebooks);
        return report;
    }

    /** Writes the report, creating folders as needed. */
    public void write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, NotebookFiles.GSON.toJson(toJson()) + "\n", StandardCharsets.UTF_8);
    }
}
