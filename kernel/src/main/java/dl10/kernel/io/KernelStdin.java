package dl10.kernel.io;

import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The kernel's {@code System.in}: reading from it asks the front end for a line, the way a terminal
 * would ({@code input_request} / {@code input_reply}, messaging specification 5.4, "Messages on the
 * stdin ROUTER/DEALER channel"). A {@code Scanner} or {@code BufferedReader} on {@code System.in} works
 * as in a console program, in the cell that made it and in later cells. Text printed on the current
 * line just before the read (for example {@code System.out.print("Name: ")}) becomes the prompt.
 *
 * <p>When the front end does not accept input (the execute request said {@code allow_stdin: false},
 * as headless runners and nbconvert do, or no cell is running), a read fails at once with a
 * {@link StdinNotAvailableException} that says so, instead of blocking or reporting an empty stream.
 */
public final class KernelStdin extends InputStream {
    /** The one instance, installed as {@code System.in} while cells run. */
    public static final KernelStdin INSTANCE = new KernelStdin();

    /** Where the lines come from while a cell runs. */
    @FunctionalInterface
    public interface LineSource {
        /**
         * Asks for one line (without its line break), showing the prompt; password hides what is typed.
         * Returns null if the request was abandoned (the cell was interrupted).
         */
        String readLine(String prompt, boolean password) throws InterruptedIOException;
    }

    private static final ThreadLocal<Boolean> PASSWORD = ThreadLocal.withInitial(() -> false);

    private volatile LineSource source;
    private volatile String unavailableReason = "no cell is running";
    private byte[] buffer = new byte[0];
    private int position;

    private KernelStdin() {
    }

    /** Lets cells read lines from the source (null: reads fail, saying why). */
    public void attach(LineSource lineSource, String reasonIfNull) {
        this.source = lineSource;
        this.unavailableReason = reasonIfNull;
    }

    /** Reads one line from the front end, hiding what is typed (a password or an access token). */
    public static String readPassword(String prompt) {
        PASSWORD.set(true);
        try {
            return INSTANCE.nextLine(prompt);
        } finally {
            PASSWORD.set(false);
        }
    }

    /** Reads one line from the front end with the given prompt. */
    public static String readLine(String prompt) {
        return INSTANCE.nextLine(prompt);
    }

    private synchronized String nextLine(String prompt) {
        if (position < buffer.length) {
            // a line typed earlier and not consumed yet by a reader of System.in
            String rest = new String(buffer, position, buffer.length - position, StandardCharsets.UTF_8);
            int end = rest.indexOf('\n');
            String line = end < 0 ? rest : rest.substring(0, end);
            position += (end < 0 ? rest : rest.substring(0, end + 1)).getBytes(StandardCharsets.UTF_8).length;
            return line;
        }
        return ask(prompt);
    }

    private String ask(String prompt) {
        LineSource current = source;
        if (current == null) {
            throw new StdinNotAvailableException(unavailableReason);
        }
        try {
            String line = current.readLine(prompt, PASSWORD.get());
            if (line == null) {
                throw new StdinNotAvailableException("the cell was interrupted while it waited for input");
            }
            return line;
        } catch (InterruptedIOException e) {
            Thread.currentThread().interrupt();
            throw new StdinNotAvailableException("the cell was interrupted while it waited for input");
        }
    }

    private void fill() {
        String line = ask(null);
        buffer = (line + "\n").getBytes(StandardCharsets.UTF_8);
        position = 0;
    }

    @Override
    public synchronized int read() {
        if (position >= buffer.length) {
            fill();
        }
        return buffer[position++] & 0xFF;
    }

    @Override
    public synchronized int read(byte[] into, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        if (position >= buffer.length) {
            fill();
        }
        int n = Math.min(length, buffer.length - position);
        System.arraycopy(buffer, position, into, offset, n);
        position += n;
        return n;
    }

    @Override
    public synchronized int available() {
        return buffer.length - position;
    }

    /** Thrown when a cell reads {@code System.in} but the front end cannot answer. */
    public static final class StdinNotAvailableException extends IllegalStateException {
        StdinNotAvailableException(String reason) {
            super("System.in cannot be read here: " + reason + ". Input works when a notebook front end"
                    + " (JupyterLab, Notebook) runs the cell; elsewhere give the value in the code instead.");
        }
    }
}
