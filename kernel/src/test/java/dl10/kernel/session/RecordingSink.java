package dl10.kernel.session;

import dl10.kernel.runtime.OutputSink;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;

import java.util.ArrayList;
import java.util.List;

/**
 * An {@link OutputSink} for tests that keeps a cell's outputs as a notebook front end would: consecutive
 * text of one stream merged, and an update replacing the data of every earlier display with its id.
 */
final class RecordingSink implements OutputSink {
    /** One output: a stream (name and text) or a display (data and display id). */
    static final class Output {
        final String stream;
        final StringBuilder text = new StringBuilder();
        DisplayData data;
        final String displayId;

        Output(String stream, DisplayData data, String displayId) {
            this.stream = stream;
            this.data = data;
            this.displayId = displayId;
        }

        String text() {
            return text.toString();
        }

        /** The display's form for a MIME type, or null. */
        String get(String mimeType) {
            return data == null ? null : (String) data.getData(MIMEType.parse(mimeType));
        }
    }

    private final List<Output> all = new ArrayList<>();
    private List<Output> current = new ArrayList<>();

    /** Starts a new cell and returns the list its outputs go to. */
    synchronized List<Output> startCell() {
        current = new ArrayList<>();
        return current;
    }

    @Override
    public synchronized void stream(String name, String text) {
        if (text.isEmpty()) {
            return;
        }
        Output last = current.isEmpty() ? null : current.get(current.size() - 1);
        if (last == null || !name.equals(last.stream)) {
            last = new Output(name, null, null);
            current.add(last);
            all.add(last);
        }
        last.text.append(text);
    }

    @Override
    public synchronized void display(DisplayData data, String displayId) {
        Output output = new Output(null, data, displayId);
        current.add(output);
        all.add(output);
    }

    @Override
    public synchronized void updateDisplay(String displayId, DisplayData data) {
        for (Output output : all) {
            if (displayId.equals(output.displayId)) {
                output.data = data;
            }
        }
    }
}
