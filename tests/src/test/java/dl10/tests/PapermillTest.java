package dl10.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * environment/papermill: papermill (pinned, from the project's Python environment) with the course's Java
 * translator runs a notebook with new parameter values against the course kernel (installed into a private
 * JUPYTER_PATH with the course's class path), writes them as typed Java assignments after the parameters
 * cell, lists a notebook's parameters, and refuses names and values the parameters cell does not allow.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PapermillTest {
    static final String PARAMETERS = "int EPOCHS = 6; // epochs of training\nlong SEED = 42;\ndouble LEARNING_RATE = 0.01;\n"
            + "float DROPOUT = 0.5f;\nboolean PLOT = true;\nString NAME = \"iris\";";

    private Path dir;
    private Path jupyterPath;

    /** Exit code and combined output of one papermill run. */
    record Run(int code, String output) {
    }

    @BeforeAll
    void installCourseKernel(@TempDir Path tempDir) throws Exception {
        dir = tempDir;
        CourseCheckout.pythonEnvironment();
        JupyterClient.withCourseKernel(dir);
        jupyterPath = dir.resolve("jupyter-path");
    }

    private Run papermill(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(CourseCheckout.root().resolve("environment/papermill").toString()));
        command.addAll(List.of(args));
        Path log = Files.createTempFile(dir, "papermill", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("JUPYTER_PATH", jupyterPath.toString());
        builder.environment().put("JUPYTER_DATA_DIR", dir.resolve("data").toString());
        builder.environment().put("JUPYTER_CONFIG_DIR", dir.resolve("config").toString());
        builder.environment().put("JUPYTER_RUNTIME_DIR", dir.resolve("runtime").toString());
        Process process = builder.start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            return new Run(-1, "timed out: " + Files.readString(log));
        }
        return new Run(process.exitValue(), Files.readString(log));
    }

    private Path notebook(String name, boolean tagged) throws IOException {
        JsonObject notebook = JsonParser.parseString("""
                {"nbformat": 4, "nbformat_minor": 5,
                 "metadata": {"kernelspec": {"name": "dl10-java", "display_name": "Java (deep-learning course)", "language": "java"}},
                 "cells": [
                  {"id": "a", "cell_type": "markdown", "metadata": {}, "source": "# Parameters"},
                  {"id": "b", "cell_type": "code", "metadata": {}, "execution_count": null, "outputs": [], "source": ""},
                  {"id": "c", "cell_type": "code", "metadata": {}, "execution_count": null, "outputs": [],
                   "source": "System.out.println(EPOCHS + \\" \\" + SEED + \\" \\" + LEARNING_RATE + \\" \\" + DROPOUT + \\" \\" + PLOT + \\" \\" + NAME);"}
                 ]}""").getAsJsonObject();
        JsonObject parameters = notebook.getAsJsonArray("cells").get(1).getAsJsonObject();
        parameters.addProperty("source", PARAMETERS);
        if (tagged) {
            JsonArray tags = new JsonArray();
            tags.add("parameters");
            parameters.getAsJsonObject("metadata").add("tags", tags);
        }
        Path file = dir.resolve(name);
        Files.writeString(file, notebook.toString(), StandardCharsets.UTF_8);
        return file;
    }

    /** A multi-line string of nbformat, stored as one string or as a list of lines. */
    private static String text(com.google.gson.JsonElement value) {
        return value.isJsonArray() ? String.join("", value.getAsJsonArray().asList().stream().map(e -> e.getAsString()).toList())
                : value.getAsString();
    }

    @Test
    void parametersBecomeTypedJavaAssignmentsAfterTheParametersCell() throws Exception {
        Path in = notebook("in.ipynb", true);
        Path out = dir.resolve("out.ipynb");
        Run run = papermill("-p", "EPOCHS", "20", "-p", "SEED", "5000000000", "-p", "LEARNING_RATE", "1", "-p", "DROPOUT", "0.25",
                "-p", "PLOT", "False", "-p", "NAME", "say \"hi\"", in.toString(), out.toString());
        assertEquals(0, run.code(), run.output());
        JsonArray cells = JsonParser.parseString(Files.readString(out)).getAsJsonObject().getAsJsonArray("cells");
        JsonObject injected = cells.get(2).getAsJsonObject();
        assertEquals("[\"injected-parameters\"]", injected.getAsJsonObject("metadata").get("tags").toString());
        assertEquals("// Parameters\nEPOCHS = 20;\nSEED = 5000000000L;\nLEARNING_RATE = 1.0;\nDROPOUT = 0.25f;\nPLOT = false;\n"
                + "NAME = \"say \\\"hi\\\"\";\n", text(injected.get("source")));
        JsonObject printed = cells.get(3).getAsJsonObject().getAsJsonArray("outputs").get(0).getAsJsonObject();
        assertEquals("20 5000000000 1.0 0.25 false say \"hi\"\n", text(printed.get("text")));
    }

    @Test
    void helpNotebookListsTheDeclaredParameters() throws Exception {
        Run run = papermill("--help-notebook", notebook("help.ipynb", true).toString());
        assertEquals(0, run.code(), run.output());
        assertTrue(run.output().contains("EPOCHS: int (default 6)") && run.output().contains("epochs of training"), run.output());
        assertTrue(run.output().contains("SEED: long (default 42)"), run.output());
        assertTrue(run.output().contains("NAME: String (default \"iris\")"), run.output());
    }

    @Test
    void undeclaredNamesBadValuesAndMissingParametersCellsAreRefused() throws Exception {
        Path in = notebook("refuse.ipynb", true);
        Run undeclared = papermill("-p", "EPOCHZ", "2", in.toString(), dir.resolve("x.ipynb").toString());
        assertEquals(2, undeclared.code(), undeclared.output());
        assertTrue(undeclared.output().contains("papermill: EPOCHZ is not a parameter of this notebook: its parameters cell declares"
                + " int EPOCHS, long SEED, double LEARNING_RATE, float DROPOUT, boolean PLOT, String NAME"), undeclared.output());
        Run wrong = papermill("-p", "EPOCHS", "2.5", in.toString(), dir.resolve("y.ipynb").toString());
        assertEquals(2, wrong.code(), wrong.output());
        assertTrue(wrong.output().contains("papermill: EPOCHS is declared as int in the parameters cell; 2.5 is not an int"), wrong.output());
        Run untagged = papermill("-p", "EPOCHS", "2", notebook("untagged.ipynb", false).toString(), dir.resolve("z.ipynb").toString());
        assertEquals(2, untagged.code(), untagged.output());
        assertTrue(untagged.output().contains("papermill: the notebook has no code cell tagged 'parameters', so -p EPOCHS has nothing to replace"),
                untagged.output());
    }
}
