package dl10.kernel.io;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * An output stream that collects what a cell prints and hands it on as text at most every
 * {@code intervalMillis} (and on {@link #flushNow()}), so thousands of {@code println} calls become a
 * handful of stream messages. Only whole UTF-8 characters are handed on.
 */
public final class BatchingOutputStream extends OutputStream {
    private final Consumer<String> target;
    private final long intervalNanos;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private long lastEmit = System.nanoTime();

    /** A stream that sends batches of text to the target at most every intervalMillis. */
    public BatchingOutputStream(Consumer<String> target, long intervalMillis) {
        this.target = target;
        this.intervalNanos = intervalMillis * 1_000_000L;
    }

    @Override
    public synchronized void write(int b) {
        pending.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        pending.write(b, off, len);
    }

    /** Called by {@code PrintStream} after each line: hands text on only when the interval has passed. */
    @Override
    public void flush() {
        if (System.nanoTime() - lastEmit >= intervalNanos) {
            flushNow();
        }
    }

    /** Hands on everything complete that is pending (used by the timer and at the end of a cell). */
    public void flushNow() {
        String text;
        synchronized (this) {
            lastEmit = System.nanoTime();
            byte[] bytes = pending.toByteArray();
            int complete = completeUtf8Length(bytes);
            if (complete == 0) {
                return;
            }
            text = new String(bytes, 0, complete, StandardCharsets.UTF_8);
            pending.reset();
            pending.write(bytes, complete, bytes.length - complete);
        }
        target.accept(text);
    }

    /** True if nothing waits to be handed on. */
    public synchronized boolean isEmpty() {
        return pending.size() == 0;
    }

    static int completeUtf8Length(byte[] bytes) {
        int end = bytes.length;
        // walk back over at most 3 continuation bytes to the start of the last character
        int i = end - 1;
        int continuation = 0;
        while (i >= 0 && continuation < 3 && (bytes[i] & 0xC0) == 0x80) {
            i--;
            continuation++;
        }
        if (i < 0) {
            return end;
        }
        int lead = bytes[i] & 0xFF;
        int needed = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
        return end - i >= needed ? end : i;
    }
}
