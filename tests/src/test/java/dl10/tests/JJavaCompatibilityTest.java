package dl10.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dl10.kernel.jupyter.KernelSpec;
import dl10.runner.Metric;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every lesson runs under JJava, the maintained successor of IJava, installed from PyPI into the project's
 * Python environment (environment/requirements.txt), with the course library and its dependencies on
 * {@code JJAVA_CLASSPATH}, as the README tells a JJava user to set it up. nbclient executes each lesson
 * against a kernelspec in a private JUPYTER_PATH. A lesson passes when no cell fails, its checks hold,
 * and every chart, image and table renders there as under the course's own kernel: each code cell has
 * as many {@code image/png} and {@code text/html} outputs as in the committed notebook, which the course
 * kernel executed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JJavaCompatibilityTest {
    /** The kernelspec name JJava's wheel installs. */
    static final String JJAVA_KERNEL = "java";
    static final String KERNEL_NAME = "dl10-jjava";

    private Path dir;
    private Path jupyterPath;

    static List<Path> notebooks() {
        return CourseCheckout.notebooks();
    }

    @BeforeAll
    void installJJavaKernelspec(@TempDir Path tempDir) throws IOException {
        dir = tempDir;
        Path jjava = CourseCheckout.pythonEnvironment().resolve("share/jupyter/kernels").resolve(JJAVA_KERNEL);
        if (!Files.isRegularFile(jjava.resolve("kernel.json"))) {
            throw new IllegalStateException("JJava is not installed in " + CourseCheckout.pythonEnvironment()
                    + ": run " + CourseCheckout.pythonEnvironment().resolve("bin/pip") + " install -r environment/requirements.txt");
        }
        jupyterPath = dir.resolve("jupyter-path");
        Path spec = Files.createDirectories(jupyterPath.resolve("kernels").resolve(KERNEL_NAME));
        String json = Files.readString(jjava.resolve("kernel.json"), StandardCharsets.UTF_8)
                .replace("{resource_dir}", jjava.toAbsolutePath().toString());
        JsonObject kernel = JsonParser.parseString(json).getAsJsonObject();
        kernel.addProperty("display_name", "Java (JJava, course library)");
        JsonObject env = kernel.has("env") ? kernel.getAsJsonObject("env") : new JsonObject();
        env.addProperty("JJAVA_CLASSPATH", CourseCheckout.courseClassPath());
        env.addProperty("JJAVA_JVM_OPTS", String.join(" ", KernelSpec.DEFAULT_JVM_OPTIONS));
        env.addProperty("PYTORCH_FLAVOR", "cpu");
        kernel.add("env", env);
        Files.writeString(spec.resolve("kernel.json"), new GsonBuilder().setPrettyPrinting().create().toJson(kernel));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notebooks")
    void lessonRunsUnderJJavaWithTheSameRichOutputs(Path notebook) throws Exception {
        String name = notebook.getFileName().toString().replace(".ipynb", "");
        Path executed = dir.resolve(name + "-jjava.ipynb");
        Path metrics = dir.resolve(name + "-metrics.jsonl");
        Map<String, String> env = new HashMap<>();
        env.put("JUPYTER_PATH", jupyterPath.toString());
        env.put("JUPYTER_DATA_DIR", dir.resolve("data").toString());
        env.put("JUPYTER_CONFIG_DIR", dir.resolve("config").toString());
        env.put("JUPYTER_RUNTIME_DIR", dir.resolve("runtime").toString());
        env.put("DL10_METRICS_FILE", metrics.toString());
        Path log = dir.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(CourseCheckout.python().toString(), script().toString(), KERNEL_NAME, "600",
                notebook.toString(), executed.toString())
                .directory(notebook.getParent().toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        boolean ended = process.waitFor(30, TimeUnit.MINUTES);
        if (!ended) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        String output = Files.readString(log);
        assertTrue(ended && process.exitValue() == 0, () -> notebook + " failed under JJava:\n" + tail(output));

        List<String> differences = richOutputDifferences(notebook, executed);
        assertTrue(differences.isEmpty(), () -> notebook + ": under JJava the rich outputs differ from the course kernel's:\n"
                + String.join("\n", differences));

        List<Metric> checks = Metric.readAll(metrics).stream().filter(Metric::checked).toList();
        assertFalse(checks.isEmpty(), notebook + " checked no metric under JJava");
        for (Metric check : checks) {
            assertTrue(check.held(), notebook + ": threshold not met under JJava: " + check);
        }
    }

    /** The helper that runs a notebook with nbclient, unpacked from the test resources. */
    private Path script() throws IOException {
        Path script = dir.resolve("execute_notebook.py");
        if (!Files.exists(script)) {
            try (var in = JJavaCompatibilityTest.class.getResourceAsStream("/python/execute_notebook.py")) {
                Files.copy(in, script);
            }
        }
        return script;
    }

    /**
     * Per code cell, where the executed notebook has an error output, or a different number of image/png or
     * text/html outputs than the reference notebook.
     */
    static List<String> richOutputDifferences(Path reference, Path executed) throws IOException {
        List<JsonObject> expected = codeCells(reference);
        List<JsonObject> actual = codeCells(executed);
        List<String> differences = new ArrayList<>();
        if (expected.size() != actual.size()) {
            differences.add("code cells: " + expected.size() + " in the lesson, " + actual.size() + " executed");
            return differences;
        }
        for (int i = 0; i < expected.size(); i++) {
            JsonArray outputs = actual.get(i).getAsJsonArray("outputs");
            for (JsonElement output : outputs) {
                if ("error".equals(output.getAsJsonObject().get("output_type").getAsString())) {
                    differences.add("code cell " + (i + 1) + ": error output " + output.getAsJsonObject().get("ename").getAsString()
                            + ": " + output.getAsJsonObject().get("evalue").getAsString());
                }
            }
            for (String mime : List.of("image/png", "text/html")) {
                int want = count(expected.get(i).getAsJsonArray("outputs"), mime);
                int got = count(outputs, mime);
                if (want != got) {
                    differences.add("code cell " + (i + 1) + ": " + got + " " + mime + " outputs, the course kernel gives " + want
                            + " (text shown instead: " + texts(outputs) + ")");
                }
            }
        }
        return differences;
    }

    private static List<JsonObject> codeCells(Path notebook) throws IOException {
        JsonObject json = JsonParser.parseString(Files.readString(notebook, StandardCharsets.UTF_8)).getAsJsonObject();
        List<JsonObject> cells = new ArrayList<>();
        for (JsonElement cell : json.getAsJsonArray("cells")) {
            if ("code".equals(cell.getAsJsonObject().get("cell_type").getAsString())) {
                cells.add(cell.getAsJsonObject());
            }
        }
        return cells;
    }

    private static int count(JsonArray outputs, String mime) {
        int n = 0;
        for (JsonElement output : outputs) {
            JsonObject data = output.getAsJsonObject().getAsJsonObject("data");
            if (data != null && data.has(mime)) {
                n++;
            }
        }
        return n;
    }

    private static String texts(JsonArray outputs) {
        List<String> texts = new ArrayList<>();
        for (JsonElement output : outputs) {
            JsonObject data = output.getAsJsonObject().getAsJsonObject("data");
            if (data != null && data.has("text/plain") && !data.has("image/png") && !data.has("text/html")) {
                JsonElement text = data.get("text/plain");
                texts.add(text.isJsonArray() ? String.join("", text.getAsJsonArray().asList().stream().map(JsonElement::getAsString).toList())
                        : text.getAsString());
            }
        }
        return texts.toString();
    }

    private static String tail(String text) {
        return text.length() <= 6000 ? text : "..." + text.substring(text.length() - 6000);
    }
}
