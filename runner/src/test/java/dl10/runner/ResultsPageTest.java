package dl10.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsPageTest {
    private static String json(Path root) {
        return """
                {"generated": "2026-11-22T19:00:00Z", "notebooks": [
                  {"notebook": "%1$s/notebooks/01-dnn.ipynb", "status": "passed", "seconds": 41.234, "peakRssMb": 812.4,
                   "memory": {"rssMb": 800.2, "heapMb": 310.4, "nativeMb": 489.8, "heapUsedMb": 180.0, "heapCommittedMb": 400.0},
                   "metrics": [{"name": "test accuracy", "value": 0.9667, "op": ">=", "threshold": 0.95, "passed": true},
                               {"name": "epochs", "value": 60.0, "op": null, "threshold": null, "passed": null}],
                   "error": null},
                  {"notebook": "%1$s/notebooks/02-cnn.ipynb", "status": "failed", "seconds": 3.0, "peakRssMb": -1,
                   "metrics": [], "error": "02-cnn.ipynb: cell 7 (code cell 3), line 2: IllegalStateException: boom"}
                ]}""".formatted(root);
    }

    private static RunReport report(Path root) throws IOException {
        Path file = root.resolve("in.json");
        Files.writeString(file, json(root));
        return RunReport.read(file);
    }

    @Test
    void rendersOneRowPerLessonWithMetricsAndThresholds(@TempDir Path root) throws IOException {
        String md = ResultsPage.markdown(report(root), root, null);
        assertTrue(md.contains("| [01-dnn](notebooks/01-dnn.ipynb) | ✅ passed | 41.2 | 812 MB<br>heap 310 · native 490 | "
                + "test accuracy = 0.9667 (>= 0.95 ✅)<br>epochs = 60 |"), md);
        assertTrue(md.contains("| [02-cnn](notebooks/02-cnn.ipynb) | ❌ failed | 3.0 | n/a | none recorded |"), md);
        assertTrue(md.contains("1 of 2 lessons passed."), md);
        assertTrue(md.contains("**02-cnn** failed:\n\n```\n02-cnn.ipynb: cell 7 (code cell 3), line 2: IllegalStateException: boom\n```"), md);
    }

    @Test
    void addsBinderLinksWhenGivenABaseUrl(@TempDir Path root) throws IOException {
        String md = ResultsPage.markdown(report(root), root, "https://mybinder.org/v2/gh/owner/repo/HEAD");
        assertTrue(md.contains("[▶ Binder](https://mybinder.org/v2/gh/owner/repo/HEAD?urlpath=lab/tree/notebooks/01-dnn.ipynb)"), md);
    }

    @Test
    void theCommandWritesThePage(@TempDir Path root) throws Exception {
        Path json = root.resolve("report.json");
        Files.writeString(json, json(root));
        Path page = root.resolve("RESULTS.md");
        RunReportTest.Run run = RunReportTest.runMain("results", json.toString(), page.toString(), "--binder", "https://mybinder.org/v2/gh/o/r/HEAD");
        assertEquals(0, run.code(), run.err());
        assertTrue(Files.readString(page).startsWith("# Course results"));
        assertTrue(Files.readString(page).contains("[▶ Binder](https://mybinder.org/v2/gh/o/r/HEAD?urlpath=lab/tree/notebooks/01-dnn.ipynb)"));
    }

    @Test
    void aMissingReportSaysHowToMakeIt(@TempDir Path root) {
        RunReportTest.Run run = RunReportTest.runMain("results", root.resolve("none.json").toString(), root.resolve("R.md").toString());
        assertEquals(2, run.code());
        assertTrue(run.err().startsWith("no report at " + root.resolve("none.json")), run.err());
        assertTrue(run.err().contains("run notebooks/*.ipynb --report"), run.err());
    }

    @Test
    void badArgumentsPrintTheUsage(@TempDir Path root) {
        RunReportTest.Run one = RunReportTest.runMain("results", "only-one");
        assertEquals(2, one.code());
        assertTrue(one.err().startsWith("Missing required parameter: 'PAGE.md'"), one.err());
        assertTrue(one.err().contains("Usage: dl10-runner results"), one.err());
        RunReportTest.Run colour = RunReportTest.runMain("results", "a.json", "b.md", "--colour");
        assertEquals(2, colour.code());
        assertTrue(colour.err().startsWith("Unknown option: '--colour'"), colour.err());
    }

    @Test
    void aReportThatIsNotJsonIsNamed(@TempDir Path root) throws Exception {
        Path json = root.resolve("broken.json");
        Files.writeString(json, "{not json");
        RunReportTest.Run run = RunReportTest.runMain("results", json.toString(), root.resolve("R.md").toString());
        assertEquals(2, run.code());
        assertTrue(run.err().startsWith("cannot read the report " + json), run.err());
    }
}
