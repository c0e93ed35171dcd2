package dl10.runner;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The JSON report of a run: when it was made and one entry per notebook (path, status, wall seconds, peak
 * memory and its split into Java heap and native memory, the metrics it recorded and the error that
 * stopped it). Written by {@code run}, read by
 * {@code results}.
 */
public record RunReport(String generated, List<Entry> notebooks) {
    /** Default report path, relative to the working directory. */
    public static final Path DEFAULT_PATH = Path.of("target", "notebook-report.json");

    /**
     * One notebook's line of the report: peakRssMb (VmHWM) and memory (the sample with the largest resident
     * set, split into Java heap and the rest) are null when they could not be measured.
     */
    public record Entry(String notebook, Status status, double seconds, Double peakRssMb, MemorySampler.MemoryPeak memory,
                        List<Metric> metrics, String error) {
        /** An entry; a missing metrics list is an empty one. */
        public Entry {
            metrics = metrics == null ? List.of() : List.copyOf(metrics);
        }
    }

    /** A report; a missing notebooks list is an empty one. */
    public RunReport {
        notebooks = notebooks == null ? List.of() : List.copyOf(notebooks);
    }

    /** The report of the results, stamped now. */
    public static RunReport of(List<NotebookResult> results) {
        return of(results, Instant.now());
    }

    /** The report of the results with an explicit time stamp. */
    public static RunReport of(List<NotebookResult> results, Instant generated) {
        return new RunReport(generated.toString(), results.stream().map(r -> new Entry(r.notebook().toString(), r.status(),
                Math.round(r.wallSeconds() * 1000) / 1000.0, r.peakRssMb(), r.memoryAtPeak(), r.metrics(), r.failureMessage())).toList());
    }

    /** Writes the report, creating folders as needed. */
    public void write(Path file) throws IOException {
        Json.write(file, this);
    }

    /** Reads a report written by {@link #write}. */
    public static RunReport read(Path file) throws IOException {
        return Json.read(file, RunReport.class);
    }
}
