package dl10.runner;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunReportTest {
    /** Exit code, standard output and standard error of the runner's command line. */
    record Run(int code, String out, String err) {
    }

    static Run runMain(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void reportHasOneEntryPerNotebookWithMetricsAndErrors(@TempDir Path dir) throws IOException {
        Metric metric = new Metric("acc", 0.9, ">=", 0.8, true);
        List<NotebookResult> results = List.of(
                new NotebookResult(Path.of("notebooks/01-dnn.ipynb"), Status.PASSED, null, 12.3456, 812.5,
                        new MemorySampler.MemoryPeak(800.0, 290.0, 510.0, 210.5, 300.0), List.of(metric), null),
                new NotebookResult(Path.of("notebooks/02-cnn.ipynb"), Status.FAILED, "notebooks/02-cnn.ipynb, cell 4 (code cell 2), line 1: boom", 3, null, null, List.of(), null));
        Path file = dir.resolve("target").resolve("report.json");
        RunReport.of(results, Instant.parse("2026-01-02T03:04:05Z")).write(file);
        JsonObject report = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        assertEquals("2026-01-02T03:04:05Z", report.get("generated").getAsString());
        JsonObject first = report.getAsJsonArray("notebooks").get(0).getAsJsonObject();
        assertEquals("notebooks/01-dnn.ipynb", first.get("notebook").getAsString());
        assertEquals("passed", first.get("status").getAsString());
        assertEquals(12.346, first.get("seconds").getAsDouble());
        assertEquals(812.5, first.get("peakRssMb").getAsDouble());
        assertEquals(JsonParser.parseString("{\"rssMb\":800.0,\"heapMb\":290.0,\"nativeMb\":510.0,\"heapUsedMb\":210.5,\"heapCommittedMb\":300.0}"),
                first.get("memory"));
        assertEquals(JsonParser.parseString("{\"name\":\"acc\",\"value\":0.9,\"op\":\">=\",\"threshold\":0.8,\"passed\":true}"),
                first.getAsJsonArray("metrics").get(0));
        assertTrue(first.get("error").isJsonNull());
        JsonObject second = report.getAsJsonArray("notebooks").get(1).getAsJsonObject();
        assertEquals("failed", second.get("status").getAsString());
        assertTrue(second.get("peakRssMb").isJsonNull());
        assertTrue(second.get("memory").isJsonNull());
        assertEquals("notebooks/02-cnn.ipynb, cell 4 (code cell 2), line 1: boom", second.get("error").getAsString());

        RunReport read = RunReport.read(file);
        assertEquals(Status.FAILED, read.notebooks().get(1).status());
        assertEquals(metric, read.notebooks().get(0).metrics().get(0));
    }

    @Test
    void aFileThatIsNotAReportIsNamed(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, "[1, 2]");
        IOException e = assertThrows(IOException.class, () -> RunReport.read(file));
        assertTrue(e.getMessage().startsWith(file + " is not a RunReport (JSON): "), e.getMessage());
    }

    @Test
    void metricsFilesKeepEveryLineIncludingBrokenOnes(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("metrics.jsonl");
        Files.writeString(file, "{\"name\":\"acc\",\"value\":0.97,\"op\":\">=\",\"threshold\":0.95,\"passed\":true}\n\n"
                + "{\"name\":\"loss\",\"value\":null,\"op\":null,\"threshold\":null,\"passed\":null}\n{\"name\":\"tru");
        List<Metric> metrics = Metric.readAll(file);
        assertEquals(3, metrics.size());
        assertTrue(metrics.get(0).held());
        assertEquals(new Metric("loss", null, null, null, null), metrics.get(1));
        assertTrue(!metrics.get(1).checked());
        assertEquals("unparsed: {\"name\":\"tru", metrics.get(2).name());
        assertEquals(List.of(), Metric.readAll(dir.resolve("none.jsonl")));
    }

    @Test
    void runCommandRejectsBadArguments() {
        Run none = runMain("run");
        assertEquals(2, none.code());
        assertTrue(none.err().startsWith("Missing required parameter: 'NOTEBOOK'"), none.err());
        Run soon = runMain("run", "a.ipynb", "--timeout", "soon");
        assertEquals(2, soon.code());
        assertTrue(soon.err().startsWith("Invalid value for option '--timeout': 'soon' is not an int"), soon.err());
        Run zero = runMain("run", "a.ipynb", "--timeout", "0");
        assertEquals(2, zero.code());
        assertTrue(zero.err().startsWith("--timeout: The cell timeout must be positive, got 0 s"), zero.err());
        Run unknown = runMain("run", "a.ipynb", "--frobnicate");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().startsWith("Unknown option: '--frobnicate'"), unknown.err());
        Run both = runMain("run", "a.ipynb", "--inplace", "--out", "x");
        assertEquals(2, both.code());
        assertTrue(both.err().contains("mutually exclusive"), both.err());
    }

    @Test
    void everyCommandHasHelp() {
        Run top = runMain("--help");
        assertEquals(0, top.code());
        assertTrue(top.out().contains("run") && top.out().contains("results"), top.out());
        Run run = runMain("run", "--help");
        assertEquals(0, run.code());
        assertTrue(run.out().contains("--timeout=SECONDS") && run.out().contains("--inplace"), run.out());
        Run results = runMain("results", "--help");
        assertEquals(0, results.code());
        assertTrue(results.out().contains("--binder=BASE_URL"), results.out());
        Run nothing = runMain();
        assertEquals(2, nothing.code());
        assertTrue(nothing.err().startsWith("Name a command: run or results"), nothing.err());
    }

    @Test
    void runCommandTakesParametersInPapermillsSpelling(@TempDir Path dir) throws IOException {
        Path nb = NotebookRunnerTest.notebook(dir, "plain.ipynb", "int EPOCHS = 6;");
        Run run = runMain("run", nb.toString(), "-p", "EPOCHS", "2", "--report", dir.resolve("r.json").toString(), "--out", dir.toString());
        assertEquals(1, run.code());
        assertTrue(run.out().contains(nb + " has no code cell tagged 'parameters', so -p EPOCHS has nothing to replace"), run.out());
        Run half = runMain("run", nb.toString(), "-p", "EPOCHS");
        assertEquals(2, half.code());
        assertTrue(half.err().contains("-p") && half.err().contains("NAME VALUE"), half.err());
    }

    @Test
    void runCommandReportsAMissingNotebookAndExitsNonZero(@TempDir Path dir) throws IOException {
        Path report = dir.resolve("r.json");
        Run run = runMain("run", dir.resolve("none.ipynb").toString(), "--report", report.toString(), "--out", dir.toString());
        assertEquals(1, run.code());
        assertTrue(run.out().contains("FAILED " + dir.resolve("none.ipynb")), run.out());
        assertEquals(Status.FAILED, RunReport.read(report).notebooks().get(0).status());
    }
}
