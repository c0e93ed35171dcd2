package dl10.kernel.io;

import dl10.kernel.runtime.OutputSink;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Replaces {@code System.out} and {@code System.err} while a cell runs with batching streams that send
 * their text to the cell's {@link OutputSink}; a timer flushes pending text every interval so progress
 * printed before a long computation still appears. {@link #close()} flushes and restores the originals.
 */
public final class CapturedStreams implements AutoCloseable {
    /** Default batching interval in milliseconds. */
    public static final long DEFAULT_INTERVAL_MILLIS = 100;

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "dl10-output-flusher");
        thread.setDaemon(true);
        return thread;
    });

    private final PrintStream originalOut;
    private final PrintStream originalErr;
    private final BatchingOutputStream out;
    private final BatchingOutputStream err;
    private final ScheduledFuture<?> ticker;

    private CapturedStreams(OutputSink sink, long intervalMillis) {
        originalOut = System.out;
        originalErr = System.err;
        out = new BatchingOutputStream(text -> sink.stream("stdout", text), intervalMillis);
        err = new BatchingOutputStream(text -> sink.stream("stderr", text), intervalMillis);
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        ticker = TIMER.scheduleWithFixedDelay(this::flushPending, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    /** Starts capturing into the sink with the default interval. */
    public static CapturedStreams capture(OutputSink sink) {
        return new CapturedStreams(sink, DEFAULT_INTERVAL_MILLIS);
    }

    /** Starts capturing into the sink with the given interval. */
    public static CapturedStreams capture(OutputSink sink, long intervalMillis) {
        return new CapturedStreams(sink, intervalMillis);
    }

    /** Sends everything pending now (stderr first is avoided: stdout, then stderr). */
    public void flushPending() {
        System.out.flush();
        System.err.flush();
        out.flushNow();
        err.flushNow();
    }

    @Override
    public void close() {
        ticker.cancel(false);
        System.out.flush();
        System.err.flush();
        out.flushNow();
        err.flushNow();
        System.setOut(originalOut);
        System.setErr(originalErr);
    }
}
