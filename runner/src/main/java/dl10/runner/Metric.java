package dl10.runner;

import com.google.gson.JsonParseException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One number a notebook recorded with the course library's {@code Results.record} or {@code Results.require}
 * (one JSON line in the file named by {@code dl10.metrics.file}): its name and value, and for a check the
 * comparison, the threshold and whether it held. value is null when it was not finite.
 */
public record Metric(String name, Double value, String op, Double threshold, Boolean passed) {
    /** True if the metric was checked against a threshold. */
    public boolean checked() {
        return op != null && threshold != null;
    }

    /** True if the metric was checked and the check held. */
    public boolean held() {
        return checked() && Boolean.TRUE.equals(passed);
    }

    /**
     * The metrics of a metrics file, one JSON object per line; a line that is not one is kept as a metric
     * named {@code unparsed: <line>} with no value, so nothing recorded is lost. A missing file has none.
     */
    public static List<Metric> readAll(Path file) throws IOException {
        List<Metric> metrics = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return metrics;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            Metric metric;
            try {
                metric = Json.GSON.fromJson(line, Metric.class);
            } catch (JsonParseException | IllegalStateException e) {
                metric = null;
            }
            metrics.add(metric == null || metric.name() == null ? new Metric("unparsed: " + line, null, null, null, null) : metric);
        }
        return metrics;
    }
}
