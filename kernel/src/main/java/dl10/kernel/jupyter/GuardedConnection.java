package dl10.kernel.jupyter;

import io.github.spencerpark.jupyter.channels.JupyterConnection;
import io.github.spencerpark.jupyter.channels.Loop;
import io.github.spencerpark.jupyter.channels.ShellChannel;
import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;

import java.lang.reflect.Field;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A Jupyter connection whose shell and control loops survive bad messages. The base library verifies the
 * HMAC signature of every message but throws a {@code SecurityException} on a mismatch, which would end
 * the channel's loop thread; here each loop gets an error handler that logs the dropped message (to
 * stderr, through java.util.logging) and keeps polling. The loops also poll every few milliseconds instead
 * of the library's 50 ms, which would otherwise be added to every request.
 */
public final class GuardedConnection extends JupyterConnection {
    private static final Logger LOG = Logger.getLogger(GuardedConnection.class.getName());

    /** A connection for the properties of a connection file. */
    public GuardedConnection(KernelConnectionProperties properties) throws NoSuchAlgorithmException, InvalidKeyException {
        super(properties);
        shortenPollSleep(shell);
        shortenPollSleep(control);
    }

    /** Milliseconds the shell and control loops sleep when no message is waiting (the library uses 50). */
    static final long POLL_SLEEP_MILLIS = 10;

    /** Lowers the idle sleep of a channel loop before it starts, so a request waits at most a few ms. */
    private static void shortenPollSleep(ShellChannel channel) {
        try {
            Field field = ShellChannel.class.getDeclaredField("sleep");
            field.setAccessible(true);
            field.setLong(channel, POLL_SLEEP_MILLIS);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.FINE, "Keeping the library's poll interval: " + e);
        }
    }

    @Override
    public void connect() {
        super.connect();
        guard(shell, "shell");
        guard(control, "control");
    }

    private static void guard(ShellChannel channel, String name) {
        try {
            Field field = ShellChannel.class.getDeclaredField("ioloop");
            field.setAccessible(true);
            Loop loop = (Loop) field.get(channel);
            if (loop == null) {
                LOG.warning("The " + name + " channel has no loop to guard");
                return;
            }
            loop.onError(error -> {
                if (error instanceof SecurityException) {
                    LOG.log(Level.WARNING, "Dropped a message with an invalid signature on the " + name + " channel");
                } else {
                    LOG.log(Level.WARNING, "Dropped a message the " + name + " channel could not handle: " + error, error);
                }
                return 1L;
            });
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.WARNING, "Could not guard the " + name + " channel against bad messages: " + e);
        }
    }
}
