package dl10.runner;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.Gson;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import dl10.kernel.jupyter.KernelProtocol;
import dl10.kernel.runtime.OutputSink;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The nbformat 4 outputs of a notebook being run headless: streams (consecutive text of the same stream
 * merged into one output), display_data, execute_result and error. An update_display_data replaces the
 * data of every earlier output shown with that display id, in any cell; display ids are not written to
 * the file. A clear_output empties the running cell's outputs at once, or with wait just before its next
 * output (a stream, display, result or error; an update adds no output and does not count), as Jupyter's
 * own executor nbclient does; a pending wait ends with the cell.
 */
public final class CellOutputs implements OutputSink {
    private static final Gson GSON = new Gson();

    private final Map<String, List<JsonObject>> byDisplayId = new HashMap<>();
    private JsonArray current = new JsonArray();
    private boolean clearBeforeNextOutput;

    /** Starts collecting the outputs of a new cell into the given array. */
    public synchronized void startCell(JsonArray outputs) {
        current = outputs;
        clearBeforeNextOutput = false;
    }

    /** The outputs of the cell being run. */
    public synchronized JsonArray currentOutputs() {
        return current;
    }

    @Override
    public synchronized void stream(String name, String text) {
        if (text.isEmpty()) {
            return;
        }
        beforeOutput();
        if (!current.isEmpty()) {
            JsonObject last = current.get(current.size() - 1).getAsJsonObject();
            if ("stream".equals(last.get("output_type").getAsString()) && name.equals(last.get("name").getAsString())) {
                last.addProperty("text", last.get("text").getAsString() + text);
                return;
            }
        }
        JsonObject output = new JsonObject();
        output.addProperty("output_type", "stream");
        output.addProperty("name", name);
        output.addProperty("text", text);
        current.add(output);
    }

    @Override
    public synchronized void display(DisplayData bundle, String displayId) {
        beforeOutput();
        JsonObject output = new JsonObject();
        output.addProperty("output_type", "display_data");
        output.add("data", data(bundle));
        output.add("metadata", new JsonObject());
        current.add(output);
        if (displayId != null) {
            byDisplayId.computeIfAbsent(displayId, id -> new ArrayList<>()).add(output);
        }
    }

    @Override
    public synchronized void updateDisplay(String displayId, DisplayData bundle) {
        for (JsonObject output : byDisplayId.getOrDefault(displayId, List.of())) {
            output.add("data", data(bundle));
        }
    }

    @Override
    public synchronized void clearOutput(boolean wait) {
        if (wait) {
            clearBeforeNextOutput = true;
        } else {
            clearCell();
        }
    }

    private void beforeOutput() {
        if (clearBeforeNextOutput) {
            clearBeforeNextOutput = false;
            clearCell();
        }
    }

    /** Removes the running cell's outputs, and with them their display ids' references to them. */
    private void clearCell() {
        Set<JsonObject> removed = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        while (!current.isEmpty()) {
            JsonElement output = current.remove(current.size() - 1);
            if (output.isJsonObject()) {
                removed.add(output.getAsJsonObject());
            }
        }
        byDisplayId.values().forEach(shown -> shown.removeIf(removed::contains));
        byDisplayId.values().removeIf(List::isEmpty);
    }

    /** Adds the execute_result of the cell. */
    public synchronized void result(DisplayData bundle, int executionCount) {
        beforeOutput();
        JsonObject output = new JsonObject();
        output.addProperty("output_type", "execute_result");
        output.addProperty("execution_count", executionCount);
        output.add("data", data(bundle));
        output.add("metadata", new JsonObject());
        current.add(output);
    }

    /** Adds an error output. */
    public synchronized void error(String ename, String evalue, List<String> traceback) {
        beforeOutput();
        JsonObject output = new JsonObject();
        output.addProperty("output_type", "error");
        KernelProtocol.errorFields(ename, evalue, traceback).entrySet().forEach(e -> output.add(e.getKey(), e.getValue()));
        current.add(output);
    }

    /**
     * The data object of an output: the display data's MIME bundle as the base library serialises it into
     * Jupyter messages (text types as strings, nbformat allows lists of lines too). Display ids, which
     * live in the transient part, are not written.
     */
    static JsonObject data(DisplayData bundle) {
        JsonElement data = GSON.toJsonTree(bundle).getAsJsonObject().get("data");
        return data != null && data.isJsonObject() ? data.getAsJsonObject() : new JsonObject();
    }
}
