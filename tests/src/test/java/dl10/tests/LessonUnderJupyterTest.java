package dl10.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Executes every lesson through the real Jupyter client ({@code jupyter nbconvert --execute}) with
 * the installed course kernelspec, as a student's JupyterLab would, and checks the metrics the
 * lesson recorded there. Skipped (reported as skipped) only where no Jupyter is installed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LessonUnderJupyterTest {
    private Path dir;
    private JupyterClient jupyter;

    static List<Path> notebooks() {
        return CourseCheckout.notebooks();
    }

    @BeforeAll
    void installKernelspec(@TempDir Path tempDir) throws Exception {
        dir = tempDir;
        assumeTrue(JupyterClient.available(), "no Jupyter installed at " + JupyterClient.JUPYTER);
        jupyter = JupyterClient.withCourseKernel(dir);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notebooks")
    void lessonRunsUnderNbconvert(Path notebook) throws Exception {
        String name = notebook.getFileName().toString().replace(".ipynb", "");
        Path out = Files.createDirectories(dir.resolve("out-" + name));
        Path metrics = dir.resolve(name + "-metrics.jsonl");
        JupyterClient.ProcessResult run = jupyter.execute(notebook, out, 600, Map.of("DL10_METRICS_FILE", metrics.toString()));
        assertEquals(0, run.exitCode(), () -> "nbconvert failed on " + notebook + ":\n" + run.output());

        Path executed = out.resolve(notebook.getFileName());
        List<String> violations = NotebookSchema.violations(executed);
        assertTrue(violations.isEmpty(), () -> String.join("\n", violations));

        assertTrue(Files.isRegularFile(metrics), notebook + " recorded no metrics under nbconvert");
        List<JsonObject> checks = Files.readAllLines(metrics).stream().filter(l -> !l.isBlank())
                .map(l -> JsonParser.parseString(l).getAsJsonObject())
                .filter(m -> m.has("threshold") && !m.get("threshold").isJsonNull())
                .collect(Collectors.toList());
        assertFalse(checks.isEmpty(), notebook + " checked no metric against a threshold under nbconvert");
        for (JsonObject check : checks) {
            assertTrue(check.get("passed").getAsBoolean(), notebook + ": threshold not met under nbconvert: " + check);
        }
    }
}
