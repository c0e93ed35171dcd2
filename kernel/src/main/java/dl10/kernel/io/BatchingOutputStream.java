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
    private long lastWrite = System.nanoTime();

    /** A stream that sends batches of text to the target at most every intervalMillis. */
    public BatchingOutputStream(Consumer<String> target, long intervalMillis) {
        this.target = target;
        this.intervalNanos = intervalMillis * 1_000_000L;
    }

    @Override
    public synchronized void write(int b) {
        pending.write(b);
        lastWrite = System.nanoTime();
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        pending.write(b, off, len);
        lastWrite = System.nanoTime();
    }

    /**
     * Called by {@code PrintStream} after each write: hands on the complete lines, only when the interval
     * has passed. A line still being printed stays, so a prompt printed just before reading
     * {@code System.in} can be shown as the prompt of the input request.
     */
    @Override
    public void flush() {
        if (System.nanoTime() - lastEmit >= intervalNanos) {
            emit(false);
        }
    }

    /**
     * Used by a timer every interval: hands on the complete lines, and the line still being printed once
     * nothing was written for a whole interval (a progress line such as "training..." without a line
     * break appears while the computation runs).
     */
    public void flushStale() {
        flushStale(true);
    }

    /** As {@link #flushStale()}, but the unfinished line only if partialLineMayGo. */
    public void flushStale(boolean partialLineMayGo) {
        emit(partialLineMayGo && System.nanoTime() - lastWrite >= intervalNanos);
    }

    /** Hands on everything complete that is pending (used by the timer and at the end of a cell). */
    public void flushNow() {
        emit(true);
    }

    private void emit(boolean partialLineToo) {
        String text;
        synchronized (this) {
            lastEmit = System.nanoTime();
            byte[] bytes = pending.toByteArray();
            int complete = completeUtf8Length(bytes);
            if (!partialLineToo) {
                int lastBreak = complete - 1;
                while (lastBreak >= 0 && bytes[lastBreak] != '\n') {
                    lastBreak--;
                }
                complete = lastBreak + 1;
            }
            if (complete == 0) {
                return;
            }
            text = new String(bytes, 0, complete, StandardCharsets.UTF_8);
            pending.reset();
            pending.write(bytes, complete, bytes.length - complete);
        }
        target.accept(text);
    }

    /**
     * Hands on every complete line that is pending and returns the text after the last line break
     * (what was printed on the current line, e.g. a prompt), removing it so it is not handed on.
     */
    public String takePartialLine() {
        String before;
        String partial;
        synchronized (this) {
            byte[] bytes = pending.toByteArray();
            int complete = completeUtf8Length(bytes);
            String text = new String(bytes, 0, complete, StandardCharsets.UTF_8);
            int lastBreak = text.lastIndexOf('\n');
            before = text.substring(0, lastBreak + 1);
            partial = text.substring(lastBreak + 1);
            pending.reset();
            pending.write(bytes, complete, bytes.length - complete);
            lastEmit = System.nanoTime();
        }
        if (!before.isEmpty()) {
            target.accept(before);
        }
        return partial;
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
