package dl10.kernel.jupyter;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dl10.kernel.runtime.OutputSink;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;


/**
 * Sends a cell's output over iopub as messages that answer its execute request: stream, display_data,
 * update_display_data and clear_output (messaging specification 5.4, "IOPub"). A silent request
 * publishes nothing.
 */
final class JupyterSink implements OutputSink {
    private static final Gson GSON = new Gson();

    private final KernelSockets sockets;
    private final WireMessage request;
    private final boolean silent;

    JupyterSink(KernelSockets sockets, WireMessage request, boolean silent) {
        this.sockets = sockets;
        this.request = request;
        this.silent = silent;
    }

    @Override
    public void stream(String name, String text) {
        if (silent || text.isEmpty()) {
            return;
        }
        JsonObject content = new JsonObject();
        content.addProperty("name", "stderr".equals(name) ? "stderr" : "stdout");
        content.addProperty("text", text);
        sockets.publish(request, "stream", content);
    }

    @Override
    public void display(DisplayData data, String displayId) {
        if (!silent) {
            sockets.publish(request, "display_data", displayContent(data, displayId));
        }
    }

    @Override
    public void updateDisplay(String displayId, DisplayData data) {
        if (!silent) {
            sockets.publish(request, "update_display_data", displayContent(data, displayId));
        }
    }

    @Override
    public void clearOutput(boolean wait) {
        if (!silent) {
            JsonObject content = new JsonObject();
            content.addProperty("wait", wait);
            sockets.publish(request, "clear_output", content);
        }
    }

    private static JsonObject displayContent(DisplayData displayData, String displayId) {
        JsonObject content = new JsonObject();
        content.add("data", data(displayData));
        content.add("metadata", metadata(displayData));
        JsonObject transientPart = new JsonObject();
        String id = displayId != null ? displayId : displayData.getDisplayId();
        if (id != null) {
            transientPart.addProperty("display_id", id);
        }
        content.add("transient", transientPart);
        return content;
    }

    /**
     * The {@code data} object of a display or result message: the display data's MIME bundle as the base
     * library serialises it into its own messages (text types as strings, JSON types as JSON).
     */
    static JsonObject data(DisplayData displayData) {
        return part(displayData, "data");
    }

    /** The {@code metadata} object of a display or result message (empty if the display data has none). */
    static JsonObject metadata(DisplayData displayData) {
        return part(displayData, "metadata");
    }

    /** True if nothing was rendered (no MIME type at all). */
    static boolean isEmpty(DisplayData displayData) {
        return data(displayData).size() == 0;
    }

    private static JsonObject part(DisplayData displayData, String name) {
        JsonElement part = GSON.toJsonTree(displayData).getAsJsonObject().get(name);
        return part != null && part.isJsonObject() ? part.getAsJsonObject() : new JsonObject();
    }
}
