package dl10.runner;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunReportTest {
    @Test
    void reportHasOneEntryPerNotebookWithMetricsAndErrors(@TempDir Path dir) throws IOException {
        JsonObject metric = JsonParser.parseString("{\"name\":\"acc\",\"value\":0.9,\"op\":\">=\",\"threshold\":0.8,\"passed\":true}").getAsJsonObject();
        List<NotebookResult> results = List.of(
                new NotebookResult(Path.of("notebooks/01-dnn.ipynb"), "passed", null, 12.3456, 812.5, List.of(metric), null),
                new NotebookResult(Path.of("notebooks/02-cnn.ipynb"), "failed", "notebooks/02-cnn.ipynb, cell 4 (code cell 2), line 1: boom", 3, 300, List.of(), null));
        Path file = dir.resolve("target").resolve("report.json");
        new RunReport(results, Instant.parse("2026-01-02T03:04:05Z")).write(file);
        JsonObject report = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        assertEquals("2026-01-02T03:04:05Z", report.get("generated").getAsString());
        JsonObject first = report.getAsJsonArray("notebooks").get(0).getAsJsonObject();
        assertEquals("notebooks/01-dnn.ipynb", first.get("notebook").getAsString());
        assertEquals("passed", first.get("status").getAsString());
        assertEquals(12.346, first.get("seconds").getAsDouble());
        assertEquals(812.5, first.get("peakRssMb").getAsDouble());
        assertEquals(metric, first.getAsJsonArray("metrics").get(0));
        assertTrue(first.get("error").isJsonNull());
        JsonObject second = report.getAsJsonArray("notebooks").get(1).getAsJsonObject();
        assertEquals("notebooks/02-cnn.ipynb, cell 4 (code cell 2), line 1: boom", second.get("error").getAsString());
    }

    @Test
    void runCommandRejectsBadArguments() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        assertEquals(2, RunCommand.run(List.of(), out));
        assertEquals(2, RunCommand.run(List.of("a.ipynb", "--timeout", "soon"), out));
        assertEquals(2, RunCommand.run(List.of("a.ipynb", "--frobnicate"), out));
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("run: no notebook given"), text);
        assertTrue(text.contains("run: --timeout needs whole seconds, got 'soon'"), text);
        assertTrue(text.contains("run: unknown option --frobnicate"), text);
    }

    @Test
    void runCommandReportsAMissingNotebookAndExitsNonZero(@TempDir Path dir) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Path report = dir.resolve("r.json");
        int code = RunCommand.run(List.of(dir.resolve("none.ipynb").toString(), "--report", report.toString(), "--out", dir.toString()),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertEquals(1, code);
        assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("FAILED " + dir.resolve("none.ipynb")));
        assertEquals("failed", JsonParser.parseString(Files.readString(report)).getAsJsonObject()
                .getAsJsonArray("notebooks").get(0).getAsJsonObject().get("status").getAsString());
    }
}
