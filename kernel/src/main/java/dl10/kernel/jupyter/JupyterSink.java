package dl10.kernel.jupyter;

import dl10.kernel.render.MimeBundle;
import dl10.kernel.runtime.OutputSink;
import io.github.spencerpark.jupyter.channels.ShellReplyEnvironment;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.messages.publish.PublishDisplayData;
import io.github.spencerpark.jupyter.messages.publish.PublishStream;
import io.github.spencerpark.jupyter.messages.publish.PublishUpdateDisplayData;

import java.util.Map;

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
    public synchronized void display(MimeBundle bundle, String displayId) {
        DisplayData data = toDisplayData(bundle);
        if (displayId != null) {
            data.setDisplayId(displayId);
        }
        env.publish(new PublishDisplayData(data));
    }

    @Override
    public synchronized void updateDisplay(String displayId, MimeBundle bundle) {
        DisplayData data = toDisplayData(bundle);
        data.setDisplayId(displayId);
        env.publish(new PublishUpdateDisplayData(data));
    }

    static DisplayData toDisplayData(MimeBundle bundle) {
        DisplayData data = new DisplayData();
        for (Map.Entry<String, String> entry : bundle.data().entrySet()) {
            data.putData(entry.getKey(), entry.getValue());
        }
        return data;
    }
}
