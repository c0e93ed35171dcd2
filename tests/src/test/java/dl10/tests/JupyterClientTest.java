package dl10.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernel works under the headless Jupyter client of the course's pinned environment: nbconvert
 * (nbclient) lists the installed kernelspec, executes a small notebook that prints and shows a chart,
 * and fails as it should on a notebook with a failing cell. The lessons themselves run through a real
 * front end in the browser tests (dl10.tests.browser.BrowserLessonTest).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JupyterClientTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Path dir;
    private JupyterClient jupyter;

    @BeforeAll
    void installKernelspec(@TempDir Path tempDir) throws Exception {
        dir = tempDir;
        CourseCheckout.venvBin("jupyter"); // fails with the set-up command when the environment is missing
        jupyter = JupyterClient.withCourseKernel(dir);
    }

    @Test
    void theInstalledKernelspecIsListed() throws Exception {
        JupyterClient.ProcessResult list = jupyter.kernelspecs();
        assertEquals(0, list.exitCode(), list.output());
        assertTrue(list.output().contains("dl10-java"), list.output());
    }

    @Test
    void nbconvertExecutesANotebookThatPrintsAndShowsAChart() throws Exception {
        Path notebook = writeNotebook("chart.ipynb",
                "System.out.println(\"hello from Java\");",
                "var chart = new org.knowm.xchart.XYChartBuilder().width(300).height(200).title(\"squares\").build();\n"
                        + "chart.addSeries(\"x^2\", new double[] {1, 2, 3}, new double[] {1, 4, 9});\n"
                        + "chart",
                "6 * 7");
        Path out = Files.createDirectories(dir.resolve("out"));
        JupyterClient.ProcessResult run = jupyter.execute(notebook, out, 300);
        assertEquals(0, run.exitCode(), run.output());

        JsonNode executed = JSON.readTree(out.resolve("chart.ipynb").toFile());
        JsonNode cells = executed.path("cells");
        assertEquals("hello from Java\n", multiline(cells.get(0).path("outputs").get(0).path("text")));
        assertTrue(cells.get(1).path("outputs").get(0).path("data").has("image/png"),
                "the chart renders as PNG: " + cells.get(1));
        assertEquals("42", multiline(cells.get(2).path("outputs").get(0).path("data").path("text/plain")));
        assertTrue(NotebookSchema.violations(out.resolve("chart.ipynb")).isEmpty(),
                NotebookSchema.violations(out.resolve("chart.ipynb")).toString());
    }

    @Test
    void nbconvertFailsOnANotebookWithAFailingCell() throws Exception {
        Path notebook = writeNotebook("failing.ipynb",
                "int before = 1;",
                "throw new IllegalArgumentException(\"wrong shape (3, 4)\");",
                "System.out.println(\"never runs\");");
        Path out = Files.createDirectories(dir.resolve("out-failing"));
        JupyterClient.ProcessResult run = jupyter.execute(notebook, out, 300);
        assertNotEquals(0, run.exitCode(), "nbconvert must fail: " + run.output());
        assertTrue(run.output().contains("IllegalArgumentException"), run.output());
        assertTrue(run.output().contains("wrong shape (3, 4)"), run.output());
    }

    /** nbformat stores a multi-line string either as one string or as a list of lines. */
    private static String multiline(JsonNode value) {
        if (!value.isArray()) {
            return value.asText();
        }
        StringBuilder text = new StringBuilder();
        value.forEach(line -> text.append(line.asText()));
        return text.toString();
    }

    private Path writeNotebook(String name, String... sources) throws IOException {
        ObjectNode notebook = JSON.createObjectNode();
        notebook.put("nbformat", 4);
        notebook.put("nbformat_minor", 4);
        ObjectNode metadata = notebook.putObject("metadata");
        ObjectNode kernelspec = metadata.putObject("kernelspec");
        kernelspec.put("name", "dl10-java");
        kernelspec.put("display_name", "Java (deep-learning course)");
        kernelspec.put("language", "java");
        ArrayNode cells = notebook.putArray("cells");
        List<String> all = new ArrayList<>(List.of(sources));
        for (String source : all) {
            ObjectNode cell = cells.addObject();
            cell.put("cell_type", "code");
            cell.putObject("metadata");
            cell.putNull("execution_count");
            cell.putArray("outputs");
            cell.put("source", source);
        }
        Path file = dir.resolve(name);
        JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), notebook);
        return file;
    }
}
