package dl10.kernel.runtime;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;

/**
 * The display functions static-imported into every notebook session (the same signatures as IJava's
 * {@code Display}): show a value richly now, and replace an earlier display later, for example a
 * training chart that grows epoch by epoch.
 */
public final class Display {
    private Display() {
    }

    /** Shows the value with every MIME type it renders to and returns the display id. */
    public static String display(Object value) {
        return DisplaySession.display(DisplaySession.render(value));
    }

    /** Shows the value restricted to the given MIME types (plus text/plain) and returns the display id. */
    public static String display(Object value, String... mimeTypes) {
        return DisplaySession.display(DisplaySession.render(value, mimeTypes));
    }

    /** Renders the value without showing it (all its forms, or the given MIME types plus text/plain). */
    public static DisplayData render(Object value, String... mimeTypes) {
        return DisplaySession.render(value, mimeTypes);
    }

    /** Replaces the output shown under the display id with the value. */
    public static void updateDisplay(String id, Object value) {
        DisplaySession.update(id, DisplaySession.render(value));
    }

    /** Replaces the output shown under the display id with the value, restricted to the MIME types. */
    public static void updateDisplay(String id, Object value, String... mimeTypes) {
        DisplaySession.update(id, DisplaySession.render(value, mimeTypes));
    }

    /** Clears what the running cell has shown so far (clear_output), for example to redraw a progress line. */
    public static void clearOutput() {
        DisplaySession.clear(false);
    }

    /** Clears the running cell's outputs; with wait, only just before its next output, which avoids flicker. */
    public static void clearOutput(boolean wait) {
        DisplaySession.clear(wait);
    }
}
