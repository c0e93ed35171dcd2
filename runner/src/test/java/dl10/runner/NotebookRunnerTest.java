package dl10.runner;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs small notebooks in child JVMs, as CI does with the lessons. */
class NotebookRunnerTest {
    private static final List<String> SMALL_JVM = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-Djava.awt.headless=true");

    static Path notebook(Path dir, String name, String... codeCells) throws IOException {
        JsonObject notebook = new JsonObject();
        JsonArray cells = new JsonArray();
        JsonObject markdown = new JsonObject();
        markdown.addProperty("cell_type", "markdown");
        markdown.add("metadata", new JsonObject());
        markdown.addProperty("source", "# A test notebook");
        cells.add(markdown);
        for (String code : codeCells) {
            JsonObject cell = new JsonObject();
            cell.addProperty("cell_type", "code");
            cell.add("metadata", new JsonObject());
            cell.add("outputs", new JsonArray());
            cell.add("execution_count", null);
            cell.addProperty("source", code);
            cells.add(cell);
        }
        notebook.add("cells", cells);
        notebook.add("metadata", new JsonObject());
        notebook.addProperty("nbformat", 4);
        notebook.addProperty("nbformat_minor", 5);
        Path file = dir.resolve(name);
        Files.writeString(file, notebook.toString());
        return file;
    }

    private static RunnerOptions options(Path out) {
        return RunnerOptions.defaults().withOutputDir(out).withJvmOptions(SMALL_JVM).withTimeoutSeconds(60);
    }

    @Test
    void passingNotebookIsWrittenWithOutputsMetadataAndMetrics(@TempDir Path dir) throws IOException {
        Path nb = notebook(dir, "pass.ipynb",
                "String id = display(\"epoch 1\");\nfor (int i = 0; i < 500; i++) System.out.println(i);\nSystem.out.println(new java.io.File(\".\").getCanonicalFile().getName());",
                "updateDisplay(id, \"epoch 2\");\njava.nio.file.Files.writeString(java.nio.file.Path.of(System.getProperty(\"dl10.metrics.file\")),"
                        + " \"{\\\"name\\\":\\\"accuracy\\\",\\\"value\\\":0.93,\\\"op\\\":null,\\\"threshold\\\":null,\\\"passed\\\":true}\\n\");\n6 * 7",
                "System.out.println(\"epoch 1\");\nclearOutput(true);\nSystem.out.println(\"epoch 2\");");
        NotebookResult result = new NotebookRunner(options(dir.resolve("out"))).run(nb);
        assertTrue(result.passed(), result.failureMessage());
        assertEquals(Status.PASSED, result.status());
        assertNull(result.failureMessage());
        assertTrue(result.wallSeconds() > 0);
        assertTrue(result.peakRssMb() != null && result.peakRssMb() > 10, "peak RSS " + result.peakRssMb());
        MemorySampler.MemoryPeak memory = result.memoryAtPeak();
        // Linux keeps per-thread resident-set counters and folds them into VmRSS and VmHWM lazily, so a sample may
        // read a few hundred kB above the peak reported a moment later
        assertTrue(memory != null && memory.rssMb() <= result.peakRssMb() + 1 && memory.rssMb() > 10, "sampled peak " + memory);
        assertTrue(memory.heapUsedMb() > 0 && memory.heapUsedMb() <= memory.heapCommittedMb(), memory.toString());
        assertTrue(memory.heapMb() > 0 && memory.heapMb() <= memory.heapCommittedMb(), memory.toString());
        assertTrue(memory.nativeMb() > 0, "the JVM's own libraries, code and metaspace at least: " + memory);
        assertEquals(memory.rssMb(), memory.heapMb() + memory.nativeMb(), 0.11, memory.toString());
        assertEquals(1, result.metrics().size());
        assertEquals(new Metric("accuracy", 0.93, null, null, true), result.metrics().get(0));
        assertEquals(dir.resolve("out").resolve("pass.ipynb").toAbsolutePath(), result.outputNotebook());

        JsonObject written = NotebookFiles.read(result.outputNotebook());
        assertEquals(4, written.get("nbformat").getAsInt());
        JsonObject metadata = written.getAsJsonObject("metadata");
        assertEquals("dl10-java", metadata.getAsJsonObject("kernelspec").get("name").getAsString());
        assertEquals("Java (deep-learning course)", metadata.getAsJsonObject("kernelspec").get("display_name").getAsString());
        assertEquals("text/x-java-source", metadata.getAsJsonObject("language_info").get("mimetype").getAsString());
        JsonArray cells = written.getAsJsonArray("cells");
        assertFalse(cells.get(0).getAsJsonObject().has("outputs"), "markdown cells keep their shape");
        JsonObject first = cells.get(1).getAsJsonObject();
        assertEquals(1, first.get("execution_count").getAsInt());
        JsonArray firstOutputs = first.getAsJsonArray("outputs");
        assertEquals("epoch 2", firstOutputs.get(0).getAsJsonObject().getAsJsonObject("data").get("text/plain").getAsString(),
                "update_display_data replaces the earlier output");
        assertFalse(firstOutputs.toString().contains("display_id"));
        assertEquals(2, firstOutputs.size(), "500 printed lines plus the folder name are one stream output");
        String text = firstOutputs.get(1).getAsJsonObject().get("text").getAsString();
        assertEquals(501, text.lines().count());
        assertTrue(text.endsWith(dir.getFileName() + "\n"), "the notebook runs in its own folder: " + text.substring(text.length() - 40));
        JsonObject result2 = cells.get(2).getAsJsonObject().getAsJsonArray("outputs").get(0).getAsJsonObject();
        assertEquals("execute_result", result2.get("output_type").getAsString());
        assertEquals(2, result2.get("execution_count").getAsInt());
        assertEquals("42", result2.getAsJsonObject("data").get("text/plain").getAsString());
        JsonArray cleared = cells.get(3).getAsJsonObject().getAsJsonArray("outputs");
        assertEquals(1, cleared.size(), "clearOutput(true) cleared epoch 1 when epoch 2 came: " + cleared);
        assertEquals("epoch 2\n", cleared.get(0).getAsJsonObject().get("text").getAsString());
    }

    @Test
    void failingNotebookNamesNotebookCellAndLineAndSkipsTheRest(@TempDir Path dir) throws IOException {
        Path nb = notebook(dir, "fail.ipynb", "int ok = 1;", "int a = 2;\nif (a > 1) throw new IllegalStateException(\"loss is NaN\");", "int never = 3;");
        NotebookResult result = new NotebookRunner(options(dir.resolve("out"))).run(nb);
        assertEquals(Status.FAILED, result.status());
        assertFalse(result.passed());
        assertEquals(nb + ", cell 3 (code cell 2), line 2: java.lang.IllegalStateException: loss is NaN", result.failureMessage());
        JsonArray cells = NotebookFiles.read(result.outputNotebook()).getAsJsonArray("cells");
        JsonObject error = cells.get(2).getAsJsonObject().getAsJsonArray("outputs").get(0).getAsJsonObject();
        assertEquals("error", error.get("output_type").getAsString());
        assertEquals("java.lang.IllegalStateException", error.get("ename").getAsString());
        assertTrue(cells.get(3).getAsJsonObject().get("execution_count").isJsonNull(), "cells after the failure do not run");
    }

    @Test
    void theNotebookJvmEndsWhenTheRunnerIsKilled(@TempDir Path dir) throws Exception {
        Path nb = notebook(dir, "sleep.ipynb", "Thread.sleep(300_000);");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "run", nb.toString(),
                "--out", dir.resolve("out").toString(), "--report", dir.resolve("report.json").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("runner.log").toFile());
        builder.environment().put("DL10_JAVA_OPTS", String.join(" ", SMALL_JVM));
        Process runner = builder.start();
        try {
            ProcessHandle worker = null;
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
            while (worker == null && System.nanoTime() < deadline && runner.isAlive()) {
                worker = runner.toHandle().children().findFirst().orElse(null);
                Thread.sleep(100);
            }
            assertTrue(worker != null, "the runner started no notebook JVM within 60 s:\n" + Files.readString(dir.resolve("runner.log")));
            Thread.sleep(1000);
            runner.destroyForcibly().waitFor();
            ProcessHandle started = worker;
            boolean ended = started.onExit().thenApply(p -> true)
                    .completeOnTimeout(false, 30, java.util.concurrent.TimeUnit.SECONDS).get();
            if (!ended) {
                started.destroyForcibly();
            }
            assertTrue(ended, "the notebook JVM (pid " + started.pid() + ") still ran 30 s after its runner was killed");
        } finally {
            runner.destroyForcibly();
        }
    }

    @Test
    void theNotebookJvmGetsTheKernelsEnvironment(@TempDir Path dir) throws IOException {
        StringBuilder check = new StringBuilder();
        dl10.kernel.jupyter.KernelSpec.ENVIRONMENT.forEach((name, value) -> {
            if (System.getenv(name) == null) {
                check.append("if (!\"").append(value).append("\".equals(System.getenv(\"").append(name)
                        .append("\"))) throw new IllegalStateException(\"").append(name).append(" = \" + System.getenv(\"")
                        .append(name).append("\"));\n");
            }
        });
        Path nb = notebook(dir, "env.ipynb", check + "int done = 1;");
        NotebookResult result = new NotebookRunner(options(dir.resolve("out"))).run(nb);
        assertTrue(result.passed(), result.failureMessage());
    }

    @Test
    void hungCellEndsWithATimeout(@TempDir Path dir) throws IOException {
        Path nb = notebook(dir, "hang.ipynb", "long spins = 0;\nwhile (true) { spins++; }");
        NotebookResult result = new NotebookRunner(options(dir.resolve("out")).withTimeoutSeconds(3)).run(nb);
        assertEquals(Status.TIMEOUT, result.status());
        assertTrue(result.failureMessage().startsWith(nb + ", cell 2 (code cell 1)"), result.failureMessage());
        assertTrue(result.failureMessage().contains("cell timed out after 3 s"), result.failureMessage());
        assertTrue(result.wallSeconds() < 60, "the cell was stopped, not waited for: " + result.wallSeconds());
        JsonObject error = NotebookFiles.read(result.outputNotebook()).getAsJsonArray("cells").get(1).getAsJsonObject()
                .getAsJsonArray("outputs").get(0).getAsJsonObject();
        assertEquals("TimeoutError", error.get("ename").getAsString());
    }

    @Test
    void parametersAreInjectedAfterTheParametersCell(@TempDir Path dir) throws IOException {
        Path nb = notebook(dir, "params.ipynb", "int EPOCHS = 6;\nString NAME = \"default\";",
                "System.out.println(NAME + \" x\" + EPOCHS);");
        JsonObject document = NotebookFiles.read(nb);
        JsonObject tags = new JsonObject();
        JsonArray list = new JsonArray();
        list.add("parameters");
        tags.add("tags", list);
        document.getAsJsonArray("cells").get(1).getAsJsonObject().add("metadata", tags);
        NotebookFiles.write(document, nb);
        NotebookResult result = new NotebookRunner(options(dir.resolve("out")).withParameters(java.util.Map.of("EPOCHS", "20", "NAME", "run \"two\""))).run(nb);
        assertTrue(result.passed(), result.failureMessage());
        JsonArray cells = NotebookFiles.read(result.outputNotebook()).getAsJsonArray("cells");
        assertEquals(4, cells.size());
        JsonObject injected = cells.get(2).getAsJsonObject();
        assertEquals("injected-parameters", injected.getAsJsonObject("metadata").getAsJsonArray("tags").get(0).getAsString());
        assertEquals("run \"two\" x20\n", cells.get(3).getAsJsonObject().getAsJsonArray("outputs").get(0).getAsJsonObject().get("text").getAsString());

        NotebookResult undeclared = new NotebookRunner(options(dir.resolve("out")).withParameters(java.util.Map.of("EPOCHZ", "2"))).run(nb);
        assertEquals(Status.FAILED, undeclared.status());
        assertEquals("EPOCHZ is not a parameter of " + nb + ": its parameters cell (cell 2) declares int EPOCHS, String NAME",
                undeclared.failureMessage());
        assertEquals(null, undeclared.peakRssMb(), "no notebook JVM was started");
    }

    @Test
    void missingNotebookIsAFailureWithItsPath(@TempDir Path dir) {
        NotebookResult result = new NotebookRunner(options(dir)).run(dir.resolve("absent.ipynb"));
        assertEquals(Status.FAILED, result.status());
        assertEquals(dir.resolve("absent.ipynb") + ": no such notebook file", result.failureMessage());
    }

    @Test
    void inPlaceWritesBackToTheNotebook(@TempDir Path dir) {
        Path nb = dir.resolve("x.ipynb");
        assertEquals(nb, RunnerOptions.defaults().withInPlace().outputFor(nb));
        assertEquals(dir.resolve("o").resolve("x.ipynb"), RunnerOptions.defaults().withOutputDir(dir.resolve("o")).outputFor(nb));
    }

    @Test
    void timeoutMustBePositive() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> RunnerOptions.defaults().withTimeoutSeconds(0));
        assertEquals("The cell timeout must be positive, got 0 s", e.getMessage());
    }
}
