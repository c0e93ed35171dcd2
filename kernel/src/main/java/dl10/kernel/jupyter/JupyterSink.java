package dl10.kernel.jupyter;

import dl10.kernel.runtime.OutputSink;
import io.github.spencerpark.jupyter.channels.ShellReplyEnvironment;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.messages.publish.PublishDisplayData;
import io.github.spencerpark.jupyter.messages.publish.PublishStream;
import io.github.spencerpark.jupyter.messages.publish.PublishUpdateDisplayData;


/**
 * Sends a cell's output over the IOPub channel of the execute request it belongs to: stream, display_data
 * and update_display_data messages.
 */
final class JupyterSink implements OutputSink {
    private final ShellReplyEnvironment env;

    JupyterSink(ShellReplyEnvironment env) {
        this.env = env;
    }

    @Override
    public synchronized void stream(String name, String text) {
        if (!text.isEmpty()) {
            env.publish(new PublishStream("stderr".equals(name) ? PublishStream.StreamType.ERR : PublishStream.StreamType.OUT, text));
        }
    }

    @Override
    public synchronized void display(DisplayData data, String displayId) {
        env.publish(new PublishDisplayData(withDisplayId(data, displayId)));
    }

    @Override
    public synchronized void updateDisplay(String displayId, DisplayData data) {
        env.publish(new PublishUpdateDisplayData(withDisplayId(data, displayId)));
    }

    /** A copy of the data carrying the display id (when not null), leaving the caller's object as it was. */
    static DisplayData withDisplayId(DisplayData data, String displayId) {
        DisplayData copy = new DisplayData();
        copy.assign(data);
        if (displayId != null) {
            copy.setDisplayId(displayId);
        }
        return copy;
    }
}
