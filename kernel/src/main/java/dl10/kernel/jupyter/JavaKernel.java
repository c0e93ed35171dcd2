package dl10.kernel.jupyter;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dl10.kernel.engine.CellFailure;
import dl10.kernel.io.KernelStdin;
import dl10.kernel.render.KernelRenderer;
import dl10.kernel.runtime.OutputSink;
import dl10.kernel.session.CellHistory;
import dl10.kernel.session.NotebookSession;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.logging.Logger;

/**
 * The Java side of the course kernel: one {@link NotebookSession} (JShell in this JVM, rendering through
 * basekernel's {@code Renderer} wrapped by {@link KernelRenderer}), the execution counter and the input
 * history. The session (JShell and its compiler) is created and warmed up in the
 * background while the kernel binds its sockets, so the first cell does not pay for all of it. The
 * Jupyter messages themselves are handled by {@link KernelProtocol}.
 */
public final class JavaKernel {
    private static final Logger LOG = Logger.getLogger(JavaKernel.class.getName());

    private final CompletableFuture<NotebookSession> session;
    private final CellHistory history = new CellHistory();
    private int executionCount;
    private volatile CompletableFuture<Void> interruptSignal = new CompletableFuture<>();

    /** What one execute request gave: its execution count, result or failure, and user expressions. */
    public record Execution(int executionCount, DisplayData result, CellFailure failure, JsonObject userExpressions) {
        /** True if the cell ran to its end. */
        public boolean ok() {
            return failure == null;
        }
    }

    /** A kernel whose relative paths start at workingDir; starts warming up the session at once. */
    public JavaKernel(Path workingDir) {
        // basekernel's Renderer, set up as its kernels set up their own (image, URL and text renderers) and
        // wrapped by the course kernel's (PNG encoding, null and arrays); the session adds the extensions'
        KernelRenderer renderer = KernelRenderer.standalone();
        this.session = CompletableFuture.supplyAsync(() -> warmUp(new NotebookSession(workingDir, renderer)));
    }

    private static NotebookSession warmUp(NotebookSession created) {
        try {
            created.engine().evaluateDetached("int $dl10WarmUp = 1 + 1;");
            created.engine().isComplete("1+1");
        } catch (CellFailure | RuntimeException e) {
            LOG.warning("Warm-up failed: " + e.getMessage());
        }
        return created;
    }

    /** The session once it has started; an interrupt while waiting ends the wait with a failure. */
    private NotebookSession session(CompletableFuture<Void> interrupted) throws CellFailure {
        try {
            CompletableFuture.anyOf(session, interrupted).get();
            if (!session.isDone()) {
                throw new CellFailure("Interrupted", "the cell was interrupted before it started",
                        List.of("Interrupted: the cell was stopped on request while the Java session was starting;"
                                + " nothing of it ran."), 0);
            }
            return session.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CellFailure("Interrupted", "interrupted while the session started", List.of("Interrupted while the session started"), 0);
        } catch (ExecutionException e) {
            throw new CellFailure("SessionError", "the Java session could not start: " + e.getCause(),
                    List.of("SessionError: the Java session could not start: " + e.getCause()), 0);
        }
    }

    private NotebookSession session() throws CellFailure {
        return session(new CompletableFuture<>());
    }

    /**
     * Runs an execute request's code. A stored run (store_history, which silent turns off) gets the next
     * execution count and enters the history; any other run reports the last count and leaves none
     * (messaging specification 5.4, "Execution counter"). user_expressions are evaluated after a cell
     * that ran to its end, each to a display-data-like object or an error.
     */
    public Execution execute(String code, boolean silent, boolean storeHistory, Map<String, String> userExpressions,
                             OutputSink sink, KernelStdin.LineSource input, String noInputReason) {
        long requestedAt = System.nanoTime();
        CompletableFuture<Void> interrupted = new CompletableFuture<>();
        interruptSignal = interrupted;
        boolean store = storeHistory && !silent;
        int count;
        synchronized (this) {
            count = store ? ++executionCount : executionCount;
        }
        DisplayData result = null;
        CellFailure failure = null;
        try {
            result = session(interrupted).execute(code, count, sink, input, noInputReason, requestedAt);
        } catch (CellFailure e) {
            failure = e;
        } catch (RuntimeException | Error e) {
            failure = new CellFailure(e.getClass().getSimpleName(), String.valueOf(e.getMessage()),
                    List.of("InternalError: the kernel failed to run the cell: " + e), 0);
        }
        JsonObject expressions = new JsonObject();
        if (failure == null && userExpressions != null) {
            for (Map.Entry<String, String> entry : userExpressions.entrySet()) {
                expressions.add(entry.getKey(), evaluateUserExpression(entry.getValue()));
            }
        }
        if (store) {
            Object text = result == null ? null : result.getData(MIMEType.TEXT_PLAIN);
            history.add(count, code, text == null ? null : text.toString());
        }
        return new Execution(count, result, failure, expressions);
    }

    private JsonObject evaluateUserExpression(String expression) {
        JsonObject value = new JsonObject();
        try {
            DisplayData data = session().evaluate(expression);
            value.addProperty("status", "ok");
            value.add("data", JupyterSink.data(data));
            value.add("metadata", JupyterSink.metadata(data));
        } catch (CellFailure e) {
            value.addProperty("status", "error");
            value.addProperty("ename", e.ename());
            value.addProperty("evalue", e.evalue());
            JsonArray traceback = new JsonArray();
            e.traceback().forEach(traceback::add);
            value.add("traceback", traceback);
        }
        return value;
    }

    /** The history of the cells run with store_history. */
    public CellHistory history() {
        return history;
    }

    /** The count of the last stored execution (0 before the first). */
    public synchronized int executionCount() {
        return executionCount;
    }

    /** Completion candidates at a UTF-16 cursor, with the range [start, cursor) they replace. */
    public record Completion(List<String> matches, int start, int end) {
    }

    /** Completion at the cursor (a UTF-16 index into code). */
    public Completion complete(String code, int cursor) throws CellFailure {
        int[] anchor = new int[1];
        List<String> options = session().engine().complete(code, cursor, anchor);
        return new Completion(options, options.isEmpty() ? cursor : anchor[0], cursor);
    }

    /** Signatures and Javadoc of what is at the cursor, or an empty string. */
    public String inspect(String code, int cursor) throws CellFailure {
        return session().engine().inspect(code, cursor);
    }

    /** "complete", "incomplete", "invalid" or (if the session failed) "unknown". */
    public String isComplete(String code) {
        try {
            return session().isComplete(code);
        } catch (CellFailure e) {
            return "unknown";
        }
    }

    /** The language_info of kernel_info_reply. */
    public JsonObject languageInfo() {
        return KernelSpec.languageInfo();
    }

    /** The banner of kernel_info_reply. */
    public String banner() {
        return "Java " + System.getProperty("java.version") + " (deep-learning course kernel, JShell)";
    }

    /** Help links shown in the front end's Help menu. */
    public Map<String, String> helpLinks() {
        Map<String, String> links = new LinkedHashMap<>();
        String feature = Runtime.version().feature() + "";
        links.put("Java " + feature + " API", "https://docs.oracle.com/en/java/javase/" + feature + "/docs/api/index.html");
        links.put("JShell guide", "https://docs.oracle.com/en/java/javase/" + feature + "/jshell/introduction-jshell.html");
        links.put("DJL API", "https://javadoc.io/doc/ai.djl/api/latest/index.html");
        return links;
    }

    /**
     * Stops the running cell, or the cell that waits for the session to start; an interrupt never stops a
     * cell that was asked for after it.
     */
    public void interrupt() {
        long requestedAt = System.nanoTime();
        interruptSignal.complete(null);
        session.thenAccept(s -> s.interrupt(requestedAt));
    }

    /** Interrupts the running cell and closes the session in the background (never blocks). */
    public void shutdown() {
        interrupt();
        Thread closer = new Thread(() -> session.thenAccept(NotebookSession::close), "dl10-session-close");
        closer.setDaemon(true);
        closer.start();
    }
}
