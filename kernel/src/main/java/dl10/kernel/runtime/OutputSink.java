package dl10.kernel.runtime;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;

/**
 * Where a cell's outputs go: the Jupyter channels in the kernel, or the notebook's output list in the
 * headless runner.
 */
public interface OutputSink {
    /** Text written to {@code stdout} or {@code stderr} (name is "stdout" or "stderr"). */
    void stream(String name, String text);

    /** A rich output (display_data); displayId may be null. */
    void display(DisplayData data, String displayId);

    /** Replaces the data of earlier outputs shown with the same display id (update_display_data). */
    void updateDisplay(String displayId, DisplayData data);

    /** Clears the outputs of the running cell, at once or (wait) just before its next output (clear_output). */
    default void clearOutput(boolean wait) {
    }
}
