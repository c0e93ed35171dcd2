package dl10.kernel.io;

import dl10.kernel.runtime.OutputSink;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Replaces {@code System.out} and {@code System.err} while a cell runs with batching streams that send
 * their text to the cell's {@link OutputSink}; a timer flushes pending text every interval so progress
 * printed before a long computation still appears. {@code System.in} becomes {@link KernelStdin}, which
 * asks the cell's line source (the front end) for input, with the text printed on the current line as
 * the prompt. {@link #close()} flushes and restores the originals.
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
    private final InputStream originalIn;
    private final BatchingOutputStream out;
    private final BatchingOutputStream err;
    private final ScheduledFuture<?> ticker;

    private final BooleanSupplier partialLinesMayGo;

    private CapturedStreams(OutputSink sink, long intervalMillis, KernelStdin.LineSource input, String noInputReason,
                            BooleanSupplier partialLinesMayGo) {
        this.partialLinesMayGo = partialLinesMayGo;
        originalOut = System.out;
        originalErr = System.err;
        originalIn = System.in;
        out = new BatchingOutputStream(text -> sink.stream("stdout", text), intervalMillis);
        err = new BatchingOutputStream(text -> sink.stream("stderr", text), intervalMillis);
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        ticker = TIMER.scheduleWithFixedDelay(this::flushPending, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
        KernelStdin.INSTANCE.attach(input == null ? null : (prompt, password) -> {
            // PrintStream writes through to the batching streams at once: flushing it here would hand on
            // the prompt as a stream message before it can be taken as the prompt
            String shown = prompt;
            if (shown == null) {
                shown = out.takePartialLine();
            } else {
                out.flushNow();
            }
            err.flushNow();
            return input.readLine(shown, password);
        }, noInputReason);
        System.setIn(KernelStdin.INSTANCE);
    }

    /** Starts capturing into the sink with the default interval; reading System.in fails, saying why not. */
    public static CapturedStreams capture(OutputSink sink) {
        return new CapturedStreams(sink, DEFAULT_INTERVAL_MILLIS, null, NO_INPUT, () -> true);
    }

    /** Starts capturing into the sink with the given interval; reading System.in fails, saying why not. */
    public static CapturedStreams capture(OutputSink sink, long intervalMillis) {
        return new CapturedStreams(sink, intervalMillis, null, NO_INPUT, () -> true);
    }

    /**
     * Starts capturing into the sink with the default interval; System.in reads lines from input, or,
     * if input is null, fails with noInputReason. A line printed without a line break is handed on by
     * the timer only while partialLinesMayGo says so (the cell's code is running, not being compiled),
     * so a prompt printed by one snippet is still there when the next one reads System.in.
     */
    public static CapturedStreams capture(OutputSink sink, KernelStdin.LineSource input, String noInputReason,
                                          BooleanSupplier partialLinesMayGo) {
        return new CapturedStreams(sink, DEFAULT_INTERVAL_MILLIS, input, noInputReason, partialLinesMayGo);
    }

    /** Why System.in cannot be read when nobody gave the cell a source of input. */
    public static final String NO_INPUT = "this notebook runs without a front end that could answer";

    /** Sends what is pending (stdout, then stderr); a line still being printed waits one interval. */
    public void flushPending() {
        boolean partial = partialLinesMayGo.getAsBoolean();
        out.flushStale(partial);
        err.flushStale(partial);
    }

    /**
     * Sends everything printed so far, the line still being printed included (stdout, then stderr), so
     * that a display or clear_output that follows comes after it, as it did in the cell's code.
     */
    public void sendPrinted() {
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
        KernelStdin.INSTANCE.attach(null, "no cell is running");
        System.setOut(originalOut);
        System.setErr(originalErr);
        System.setIn(originalIn);
    }
}
