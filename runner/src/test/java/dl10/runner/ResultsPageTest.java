package dl10.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsPageTest {
    private static JsonObject report(Path root) {
        return JsonParser.parseString("""
                {"generated": "2026-11-22T19:00:00Z", "notebooks": [
                  {"notebook": "%1$s/notebooks/01-dnn.ipynb", "status": "passed", "seconds": 41.234, "peakRssMb": 812.4,
                   "metrics": [{"name": "test accuracy", "value": 0.9667, "op": ">=", "threshold": 0.95, "passed": true},
                               {"name": "epochs", "value": 60.0, "op": null, "threshold": null, "passed": null}],
                   "error": null},
                  {"notebook": "%1$s/notebooks/02-cnn.ipynb", "status": "failed", "seconds": 3.0, "peakRssMb": -1,
                   "metrics": [], "error": "02-cnn.ipynb: cell 7 (code cell 3), line 2: IllegalStateException: boom"}
                ]}""".formatted(root)).getAsJsonObject();
    }

    @Test
    void rendersOneRowPerLessonWithMetricsAndThresholds(@TempDir Path root) {
        String md = ResultsPage.markdown(report(root), root, null);
        assertTrue(md.contains("| [01-dnn](notebooks/01-dnn.ipynb) | ✅ passed | 41.2 | 812 MB | "
                + "test accuracy = 0.9667 (>= 0.95 ✅)<br>epochs = 60 |"), md);
        assertTrue(md.contains("| [02-cnn](notebooks/02-cnn.ipynb) | ❌ failed | 3.0 | n/a | none recorded |"), md);
        assertTrue(md.contains("1 of 2 lessons passed."), md);
        assertTrue(md.contains("**02-cnn** failed:\n\n```\n02-cnn.ipynb: cell 7 (code cell 3), line 2: IllegalStateException: boom\n```"), md);
    }

    @Test
    void addsBinderLinksWhenGivenABaseUrl(@TempDir Path root) {
        String md = ResultsPage.markdown(report(root), root, "https://mybinder.org/v2/gh/owner/repo/HEAD");
        assertTrue(md.contains("[▶ Binder](https://mybinder.org/v2/gh/owner/repo/HEAD?urlpath=lab/tree/notebooks/01-dnn.ipynb)"), md);
    }

    @Test
    void theCommandWritesThePage(@TempDir Path root) throws Exception {
        Path json = root.resolve("report.json");
        Files.writeString(json, report(root).toString());
        Path page = root.resolve("RESULTS.md");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = ResultsPage.run(new String[] {json.toString(), page.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8));
        assertEquals(0, code, out.toString(StandardCharsets.UTF_8));
        assertTrue(Files.readString(page).startsWith("# Course results"));
    }

    @Test
    void aMissingReportSaysHowToMakeIt(@TempDir Path root) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = ResultsPage.run(new String[] {root.resolve("none.json").toString(), root.resolve("R.md").toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8));
        assertEquals(2, code);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("no report at"), out.toString(StandardCharsets.UTF_8));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("run notebooks/*.ipynb --report"), out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void badArgumentsPrintTheUsage(@TempDir Path root) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(2, ResultsPage.run(new String[] {"only-one"}, new PrintStream(out, true, StandardCharsets.UTF_8)));
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("usage: results REPORT.json PAGE.md"));
        out.reset();
        assertEquals(2, ResultsPage.run(new String[] {"a.json", "b.md", "--colour"}, new PrintStream(out, true, StandardCharsets.UTF_8)));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("unknown option '--colour'"), out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aReportThatIsNotJsonIsNamed(@TempDir Path root) throws Exception {
        Path json = root.resolve("broken.json");
        Files.writeString(json, "{not json");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(2, ResultsPage.run(new String[] {json.toString(), root.resolve("R.md").toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8)));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("cannot read the report " + json), out.toString(StandardCharsets.UTF_8));
    }
}
