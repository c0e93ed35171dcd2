package dl10.runner;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class CellOutputsTest {
    @Test
    void consecutiveStreamTextOfTheSameNameIsMerged() {
        CellOutputs outputs = new CellOutputs();
        JsonArray cell = new JsonArray();
        outputs.startCell(cell);
        outputs.stream("stdout", "a\n");
        outputs.stream("stdout", "b\n");
        outputs.stream("stderr", "warn\n");
        outputs.stream("stdout", "c\n");
        assertEquals(3, cell.size());
        assertEquals("a\nb\n", cell.get(0).getAsJsonObject().get("text").getAsString());
        assertEquals("stderr", cell.get(1).getAsJsonObject().get("name").getAsString());
    }

    @Test
    void updateDisplayReplacesEarlierOutputsInAnyCellWithoutWritingTheId() {
        CellOutputs outputs = new CellOutputs();
        JsonArray first = new JsonArray();
        outputs.startCell(first);
        outputs.display(new DisplayData("epoch 1"), "chart");
        outputs.display(new DisplayData("other"), "other-id");
        JsonArray second = new JsonArray();
        outputs.startCell(second);
        DisplayData update = new DisplayData("epoch 2");
        update.putData("image/png", "iVBOR");
        update.setDisplayId("chart");
        outputs.updateDisplay("chart", update);
        JsonObject shown = first.get(0).getAsJsonObject();
        assertEquals("epoch 2", shown.getAsJsonObject("data").get("text/plain").getAsString());
        assertEquals("iVBOR", shown.getAsJsonObject("data").get("image/png").getAsString());
        assertEquals("other", first.get(1).getAsJsonObject().getAsJsonObject("data").get("text/plain").getAsString());
        assertEquals(0, second.size(), "an update adds no output");
        assertFalse(shown.toString().contains("display_id"));
        assertFalse(shown.has("transient"));
    }

    @Test
    void resultAndErrorHaveNbformatFields() {
        CellOutputs outputs = new CellOutputs();
        JsonArray cell = new JsonArray();
        outputs.startCell(cell);
        outputs.result(new DisplayData("42"), 3);
        outputs.error("java.lang.IllegalStateException", "boom", List.of("java.lang.IllegalStateException: boom", "\tat f (cell [3], line 1)"));
        JsonObject result = cell.get(0).getAsJsonObject();
        assertEquals("execute_result", result.get("output_type").getAsString());
        assertEquals(3, result.get("execution_count").getAsInt());
        assertEquals("42", result.getAsJsonObject("data").get("text/plain").getAsString());
        JsonObject error = cell.get(1).getAsJsonObject();
        assertEquals("error", error.get("output_type").getAsString());
        assertEquals("boom", error.get("evalue").getAsString());
        assertEquals(2, error.getAsJsonArray("traceback").size());
    }

    @Test
    void clearOutputEmptiesTheRunningCellAtOnce() {
        CellOutputs outputs = new CellOutputs();
        JsonArray first = new JsonArray();
        outputs.startCell(first);
        outputs.stream("stdout", "kept\n");
        JsonArray second = new JsonArray();
        outputs.startCell(second);
        outputs.stream("stdout", "epoch 1\n");
        outputs.display(new DisplayData("chart 1"), "chart");
        outputs.clearOutput(false);
        assertEquals(0, second.size(), "the running cell's outputs are gone");
        assertEquals(1, first.size(), "an earlier cell keeps its outputs");
        outputs.updateDisplay("chart", new DisplayData("chart 2"));
        assertEquals(0, second.size(), "an update does not bring a cleared output back");
        outputs.stream("stdout", "epoch 2\n");
        assertEquals(1, second.size());
        assertEquals("epoch 2\n", second.get(0).getAsJsonObject().get("text").getAsString());
    }

    @Test
    void clearOutputWithWaitClearsJustBeforeTheNextOutput() {
        CellOutputs outputs = new CellOutputs();
        JsonArray cell = new JsonArray();
        outputs.startCell(cell);
        outputs.stream("stdout", "epoch 1\n");
        outputs.clearOutput(true);
        assertEquals(1, cell.size(), "with wait the old output stays until a new one comes");
        outputs.updateDisplay("none", new DisplayData("x"));
        assertEquals(1, cell.size(), "an update is no output");
        outputs.stream("stdout", "epoch 2\n");
        assertEquals(1, cell.size());
        assertEquals("epoch 2\n", cell.get(0).getAsJsonObject().get("text").getAsString(), "not merged into the cleared stream");
        outputs.stream("stdout", "epoch 2 done\n");
        assertEquals("epoch 2\nepoch 2 done\n", cell.get(0).getAsJsonObject().get("text").getAsString(), "one clear per wait");

        outputs.clearOutput(true);
        outputs.result(new DisplayData("42"), 7);
        assertEquals(1, cell.size());
        assertEquals("execute_result", cell.get(0).getAsJsonObject().get("output_type").getAsString());
        outputs.clearOutput(true);
        outputs.error("java.lang.IllegalStateException", "boom", List.of("boom"));
        assertEquals(1, cell.size());
        assertEquals("error", cell.get(0).getAsJsonObject().get("output_type").getAsString());

        outputs.clearOutput(true);
        JsonArray next = new JsonArray();
        outputs.startCell(next);
        outputs.display(new DisplayData("next cell"), null);
        assertEquals(1, cell.size(), "a pending clear ends with its cell");
        assertEquals(1, next.size());
    }
}
