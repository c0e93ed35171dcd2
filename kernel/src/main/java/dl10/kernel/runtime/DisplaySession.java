package dl10.kernel.runtime;

import dl10.kernel.render.KernelRenderer;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;

import java.util.UUID;

/**
 * The kernel session's display state, shared by the kernel and the snippets it runs: the renderer
 * registry and the sink of the cell that is executing. This is the one place of static mutable state,
 * because JShell snippets reach the display functions through static imports.
 */
public final class DisplaySession {
    private static volatile KernelRenderer renderer = KernelRenderer.standalone();
    private static final Runnable FLUSH_SYSTEM_STREAMS = () -> {
        System.out.flush();
        System.err.flush();
    };

    private static volatile OutputSink sink;
    private static volatile Runnable sendPrinted = FLUSH_SYSTEM_STREAMS;

    private DisplaySession() {
    }

    /** Sets the sink of the running cell (null when no cell runs). */
    public static void attach(OutputSink newSink) {
        attach(newSink, FLUSH_SYSTEM_STREAMS);
    }

    /**
     * Sets the sink of the running cell (null when no cell runs) and what sends the text the cell has
     * printed so far to it, which runs before every display and clear so that they keep their place
     * after that text.
     */
    public static void attach(OutputSink newSink, Runnable sendPrintedText) {
        sendPrinted = java.util.Objects.requireNonNull(sendPrintedText, "sendPrintedText");
        sink = newSink;
    }

    /** The sink of the running cell, or null. */
    public static OutputSink sink() {
        return sink;
    }

    /** The renderers of this session. */
    public static KernelRenderer renderer() {
        return renderer;
    }

    /** Makes the renderers the ones notebook code reaches through {@link Display}. */
    public static void useRenderer(KernelRenderer sessionRenderer) {
        renderer = java.util.Objects.requireNonNull(sessionRenderer, "renderer");
    }

    /** Renders a value with the session's renderers. */
    public static DisplayData render(Object value, String... mimeTypes) {
        return renderer.render(value, mimeTypes);
    }

    /** Sends a rendered value to the current sink with a new display id and returns that id. */
    public static String display(DisplayData bundle) {
        String id = UUID.randomUUID().toString();
        OutputSink current = sink;
        if (current == null) {
            System.out.println(bundle.getData(MIMEType.TEXT_PLAIN));
        } else {
            sendPrinted.run();
            current.display(bundle, id);
        }
        return id;
    }

    /** Clears the running cell's outputs, at once or (wait) just before its next output. */
    public static void clear(boolean wait) {
        OutputSink current = sink;
        if (current != null) {
            sendPrinted.run();
            current.clearOutput(wait);
        }
    }

    /** Replaces the outputs displayed under the id. */
    public static void update(String id, DisplayData bundle) {
        OutputSink current = sink;
        if (current == null) {
            System.out.println(bundle.getData(MIMEType.TEXT_PLAIN));
        } else {
            current.updateDisplay(id, bundle);
        }
    }
}
