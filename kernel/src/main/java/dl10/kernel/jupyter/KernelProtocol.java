package dl10.kernel.jupyter;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import dl10.kernel.engine.CellFailure;
import dl10.kernel.io.KernelStdin;
import dl10.kernel.jupyter.KernelSockets.Channel;
import dl10.kernel.session.CellHistory;

import java.io.InterruptedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * Answers every request of the Jupyter messaging protocol (specification 5.4, "Messages on the shell
 * (ROUTER/DEALER) channel", "control", "stdin" and "IOPub") for a {@link JavaKernel}:
 *
 * <ul>
 *   <li>each request is framed by {@code status: busy} and {@code status: idle} on iopub, and every reply
 *       carries {@code status} and the reply's own msg_type (an error reply too);</li>
 *   <li>{@code execute_request} honours {@code silent}, {@code store_history}, {@code user_expressions},
 *       {@code allow_stdin} and {@code stop_on_error}: after a failing cell, execute requests already
 *       queued behind it are answered {@code aborted} without running;</li>
 *   <li>{@code System.in} asks the front end through {@code input_request}/{@code input_reply} when the
 *       request allows stdin, and fails with a message that says why when it does not;</li>
 *   <li>{@code history_request} (tail, range, search), {@code comm_info_request}, {@code comm_open} of an
 *       unknown target (closed again at once), {@code is_complete}, {@code inspect}, {@code complete},
 *       {@code kernel_info} on shell and control, {@code interrupt_request}, {@code shutdown_request}
 *       (with its restart flag) and the deprecated {@code connect_request};</li>
 *   <li>an unknown request gets an error reply naming it rather than silence.</li>
 * </ul>
 *
 * Cursor positions in requests and replies count Unicode code points, as the specification says since
 * 5.2; Java strings count UTF-16 units, so positions are converted both ways.
 */
public final class KernelProtocol implements KernelSockets.Handler {
    private static final Logger LOG = Logger.getLogger(KernelProtocol.class.getName());
    private static final String NO_STDIN = "the front end did not allow input for this cell (its execute request"
            + " has allow_stdin false, as headless runs such as nbconvert and the course's runner do)";

    private final JavaKernel kernel;
    private final KernelSockets sockets;
    private final String implementationVersion;
    private final ExecutorService inputThread = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "dl10-stdin");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean shuttingDown;
    private boolean abortQueued; // only touched by the shell thread

    /** A protocol front for the kernel over the sockets. */
    public KernelProtocol(JavaKernel kernel, KernelSockets sockets) {
        this.kernel = kernel;
        this.sockets = sockets;
        String version = KernelProtocol.class.getPackage().getImplementationVersion();
        this.implementationVersion = version == null ? "1.0" : version;
    }

    @Override
    public void handle(Channel channel, WireMessage request) {
        String type = request.type();
        if (shuttingDown) {
            return;
        }
        publishStatus(request, "busy");
        try {
            switch (type) {
                case "execute_request" -> execute(channel, request);
                case "kernel_info_request" -> kernelInfo(channel, request);
                case "complete_request" -> complete(channel, request);
                case "inspect_request" -> inspect(channel, request);
                case "is_complete_request" -> isComplete(channel, request);
                case "history_request" -> history(channel, request);
                case "comm_info_request" -> commInfo(channel, request);
                case "comm_open" -> commOpen(request);
                case "comm_msg", "comm_close" -> LOG.fine(type + " for a comm this kernel does not have: ignored");
                case "interrupt_request" -> interrupt(channel, request);
                case "shutdown_request" -> shutdown(channel, request);
                case "connect_request" -> connect(channel, request);
                default -> unknown(channel, request);
            }
        } finally {
            publishStatus(request, "idle");
        }
        if (channel == Channel.SHELL && abortQueued) {
            abortQueued = false;
            abortQueuedExecutions();
        }
    }

    private void publishStatus(WireMessage request, String state) {
        JsonObject content = new JsonObject();
        content.addProperty("execution_state", state);
        sockets.publish(request, "status", content);
    }

    private static String replyType(String requestType) {
        return requestType.endsWith("_request")
                ? requestType.substring(0, requestType.length() - "_request".length()) + "_reply"
                : requestType + "_reply";
    }

    private void reply(Channel channel, WireMessage request, JsonObject content) {
        sockets.reply(channel, request, replyType(request.type()), content, null);
    }

    private static JsonObject ok() {
        JsonObject content = new JsonObject();
        content.addProperty("status", "ok");
        return content;
    }

    private static JsonObject error(String ename, String evalue, List<String> traceback) {
        JsonObject content = new JsonObject();
        content.addProperty("status", "error");
        errorFields(ename, evalue, traceback).entrySet().forEach(e -> content.add(e.getKey(), e.getValue()));
        return content;
    }

    /**
     * The fields an error carries wherever the protocol or nbformat shows one (an error reply, the IOPub
     * {@code error} message, a notebook's error output): {@code ename}, {@code evalue} and {@code traceback}
     * (messaging spec 5.3, "Execution errors").
     */
    public static JsonObject errorFields(String ename, String evalue, List<String> traceback) {
        JsonObject fields = new JsonObject();
        fields.addProperty("ename", ename);
        fields.addProperty("evalue", evalue);
        JsonArray lines = new JsonArray();
        traceback.forEach(lines::add);
        fields.add("traceback", lines);
        return fields;
    }

    // ---- execution ----------------------------------------------------------------------------

    private void execute(Channel channel, WireMessage request) {
        String code = request.text("code", "");
        boolean silent = request.flag("silent", false);
        boolean storeHistory = request.flag("store_history", !silent);
        boolean allowStdin = request.flag("allow_stdin", true);
        boolean stopOnError = request.flag("stop_on_error", true);
        Map<String, String> userExpressions = new LinkedHashMap<>();
        JsonElement expressions = request.content().get("user_expressions");
        if (expressions != null && expressions.isJsonObject()) {
            for (Map.Entry<String, JsonElement> entry : expressions.getAsJsonObject().entrySet()) {
                userExpressions.put(entry.getKey(), entry.getValue().getAsString());
            }
        }
        if (!silent) {
            JsonObject input = new JsonObject();
            input.addProperty("code", code);
            input.addProperty("execution_count", storeHistory ? kernel.executionCount() + 1 : kernel.executionCount());
            sockets.publish(request, "execute_input", input);
        }
        JupyterSink sink = new JupyterSink(sockets, request, silent);
        KernelStdin.LineSource input = allowStdin ? (prompt, password) -> askFrontEnd(request, prompt, password) : null;
        JavaKernel.Execution run = kernel.execute(code, silent, storeHistory, userExpressions, sink, input, NO_STDIN);

        JsonObject reply;
        if (run.ok()) {
            if (run.result() != null && !JupyterSink.isEmpty(run.result()) && !silent) {
                JsonObject result = new JsonObject();
                result.addProperty("execution_count", run.executionCount());
                result.add("data", JupyterSink.data(run.result()));
                result.add("metadata", JupyterSink.metadata(run.result()));
                sockets.publish(request, "execute_result", result);
            }
            reply = ok();
            reply.add("user_expressions", run.userExpressions());
        } else {
            CellFailure failure = run.failure();
            if (!silent) {
                JsonObject published = error(failure.ename(), failure.evalue(), failure.traceback());
                published.remove("status");
                sockets.publish(request, "error", published);
            }
            reply = error(failure.ename(), failure.evalue(), failure.traceback());
            reply.add("user_expressions", new JsonObject());
        }
        reply.addProperty("execution_count", run.executionCount());
        reply.add("payload", new JsonArray());
        reply(channel, request, reply);
        if (!run.ok() && stopOnError && !silent && channel == Channel.SHELL) {
            abortQueued = true; // once this request is idle
        }
    }

    /**
     * After a failing cell with stop_on_error: answers the execute requests already waiting on the shell
     * channel with status "aborted" without running them (what JupyterLab's "Run All" expects); any other
     * request waiting there is answered as usual.
     */
    private void abortQueuedExecutions() {
        for (WireMessage queued : sockets.takeQueuedShellRequests()) {
            if ("execute_request".equals(queued.type())) {
                publishStatus(queued, "busy");
                JsonObject aborted = new JsonObject();
                aborted.addProperty("status", "aborted");
                reply(Channel.SHELL, queued, aborted);
                publishStatus(queued, "idle");
            } else {
                handle(Channel.SHELL, queued);
            }
        }
    }

    /** Asks the front end for a line on behalf of the request; runs the socket work on its own thread. */
    private String askFrontEnd(WireMessage request, String prompt, boolean password) throws InterruptedIOException {
        AtomicBoolean cancelled = new AtomicBoolean();
        Future<String> answer = inputThread.submit(() -> sockets.requestInput(request, prompt == null ? "" : prompt, password, cancelled::get));
        try {
            return answer.get();
        } catch (InterruptedException e) {
            cancelled.set(true);
            throw new InterruptedIOException("interrupted while waiting for input");
        } catch (ExecutionException | CancellationException e) {
            cancelled.set(true);
            throw new IllegalStateException("could not ask the front end for input: " + e.getCause(), e);
        } finally {
            cancelled.set(true);
        }
    }

    // ---- introspection ------------------------------------------------------------------------

    private void kernelInfo(Channel channel, WireMessage request) {
        JsonObject reply = ok();
        reply.addProperty("protocol_version", KernelSockets.PROTOCOL_VERSION);
        reply.addProperty("implementation", "dl10-java");
        reply.addProperty("implementation_version", implementationVersion);
        reply.add("language_info", kernel.languageInfo());
        reply.addProperty("banner", kernel.banner());
        reply.addProperty("debugger", false);
        JsonArray links = new JsonArray();
        kernel.helpLinks().forEach((text, url) -> {
            JsonObject link = new JsonObject();
            link.addProperty("text", text);
            link.addProperty("url", url);
            links.add(link);
        });
        reply.add("help_links", links);
        reply(channel, request, reply);
    }

    private void complete(Channel channel, WireMessage request) {
        String code = request.text("code", "");
        int cursor = charIndex(code, request.number("cursor_pos", code.codePointCount(0, code.length())));
        try {
            JavaKernel.Completion completion = kernel.complete(code, cursor);
            JsonObject reply = ok();
            JsonArray matches = new JsonArray();
            completion.matches().forEach(matches::add);
            reply.add("matches", matches);
            reply.addProperty("cursor_start", code.codePointCount(0, completion.start()));
            reply.addProperty("cursor_end", code.codePointCount(0, completion.end()));
            reply.add("metadata", new JsonObject());
            reply(channel, request, reply);
        } catch (CellFailure | RuntimeException e) {
            reply(channel, request, failureReply(e));
        }
    }

    private void inspect(Channel channel, WireMessage request) {
        String code = request.text("code", "");
        int cursor = charIndex(code, request.number("cursor_pos", code.codePointCount(0, code.length())));
        try {
            String text = kernel.inspect(code, cursor);
            JsonObject reply = ok();
            reply.addProperty("found", !text.isEmpty());
            JsonObject data = new JsonObject();
            if (!text.isEmpty()) {
                data.addProperty("text/plain", text);
            }
            reply.add("data", data);
            reply.add("metadata", new JsonObject());
            reply(channel, request, reply);
        } catch (CellFailure | RuntimeException e) {
            reply(channel, request, failureReply(e));
        }
    }

    private void isComplete(Channel channel, WireMessage request) {
        String status = kernel.isComplete(request.text("code", ""));
        JsonObject reply = new JsonObject();
        reply.addProperty("status", status);
        if ("incomplete".equals(status)) {
            reply.addProperty("indent", "    ");
        }
        reply(channel, request, reply);
    }

    private static JsonObject failureReply(Exception e) {
        if (e instanceof CellFailure failure) {
            return error(failure.ename(), failure.evalue(), failure.traceback());
        }
        return error(e.getClass().getSimpleName(), String.valueOf(e.getMessage()), List.of(e.toString()));
    }

    /** The UTF-16 index of a code-point offset, clamped to the text. */
    static int charIndex(String text, int codePoints) {
        int total = text.codePointCount(0, text.length());
        return text.offsetByCodePoints(0, Math.max(0, Math.min(codePoints, total)));
    }

    // ---- history and comms --------------------------------------------------------------------

    private void history(Channel channel, WireMessage request) {
        boolean output = request.flag("output", false);
        String access = request.text("hist_access_type", "tail");
        List<CellHistory.Entry> entries = switch (access) {
            case "range" -> kernel.history().range(request.number("session", 0), request.number("start", 0),
                    request.number("stop", 0));
            case "search" -> kernel.history().search(request.text("pattern", "*"), request.number("n", -1),
                    request.flag("unique", false));
            default -> kernel.history().tail(request.number("n", 10));
        };
        JsonArray history = new JsonArray();
        for (CellHistory.Entry entry : entries) {
            JsonArray item = new JsonArray();
            item.add(entry.session());
            item.add(entry.line());
            if (output) {
                JsonArray pair = new JsonArray();
                pair.add(entry.input());
                pair.add(entry.output() == null ? JsonNull.INSTANCE : new com.google.gson.JsonPrimitive(entry.output()));
                item.add(pair);
            } else {
                item.add(entry.input());
            }
            history.add(item);
        }
        JsonObject reply = ok();
        reply.add("history", history);
        reply(channel, request, reply);
    }

    private void commInfo(Channel channel, WireMessage request) {
        JsonObject reply = ok();
        reply.add("comms", new JsonObject());
        reply(channel, request, reply);
    }

    /** No comm targets are registered here, so a comm_open is answered by closing the comm again. */
    private void commOpen(WireMessage request) {
        JsonObject close = new JsonObject();
        close.addProperty("comm_id", request.text("comm_id", ""));
        JsonObject data = new JsonObject();
        data.addProperty("error", "this kernel has no comm target named '" + request.text("target_name", "") + "'");
        close.add("data", data);
        sockets.publish(request, "comm_close", close);
    }

    // ---- control ------------------------------------------------------------------------------

    private void interrupt(Channel channel, WireMessage request) {
        kernel.interrupt();
        reply(channel, request, ok());
    }

    private void shutdown(Channel channel, WireMessage request) {
        boolean restart = request.flag("restart", false);
        shuttingDown = true;
        kernel.shutdown();
        JsonObject reply = ok();
        reply.addProperty("restart", restart);
        reply(channel, request, reply);
        sockets.stop();
    }

    private void connect(Channel channel, WireMessage request) {
        JsonObject reply = ok();
        sockets.ports().entrySet().forEach(e -> reply.add(e.getKey(), e.getValue()));
        reply(channel, request, reply);
    }

    private void unknown(Channel channel, WireMessage request) {
        if (request.type().endsWith("_request")) {
            reply(channel, request, error("UnsupportedRequest", "this kernel does not handle " + request.type(),
                    List.of("UnsupportedRequest: the course kernel does not handle " + request.type())));
        } else {
            LOG.warning("Ignored a message of unknown type " + request.type());
        }
    }
}
