package dl10.kernel.jupyter;

import com.google.gson.JsonObject;
import dl10.kernel.render.MimeBundle;
import dl10.kernel.runtime.OutputSink;

import java.util.Map;

/**
 * Sends a cell's output over iopub as messages that answer its execute request: stream, display_data,
 * update_display_data and clear_output (messaging specification 5.4, "IOPub"). A silent request
 * publishes nothing.
 */
final class JupyterSink implements OutputSink {
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
    public void display(MimeBundle bundle, String displayId) {
        if (!silent) {
            sockets.publish(request, "display_data", displayContent(bundle, displayId));
        }
    }

    @Override
    public void updateDisplay(String displayId, MimeBundle bundle) {
        if (!silent) {
            sockets.publish(request, "update_display_data", displayContent(bundle, displayId));
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

    private static JsonObject displayContent(MimeBundle bundle, String displayId) {
        JsonObject content = new JsonObject();
        content.add("data", data(bundle));
        content.add("metadata", new JsonObject());
        JsonObject transientPart = new JsonObject();
        if (displayId != null) {
            transientPart.addProperty("display_id", displayId);
        }
        content.add("transient", transientPart);
        return content;
    }

    /** The MIME bundle as the {@code data} object of a display message. */
    static JsonObject data(MimeBundle bundle) {
        JsonObject data = new JsonObject();
        for (Map.Entry<String, String> entry : bundle.data().entrySet()) {
            data.addProperty(entry.getKey(), entry.getValue() == null ? "" : entry.getValue());
        }
        return data;
    }
}
