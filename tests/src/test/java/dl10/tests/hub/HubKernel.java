package dl10.tests.hub;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dl10.tests.protocol.KernelConnection;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A kernel in a student's server on the hub, driven as JupyterLab drives it: created with the Jupyter
 * server's REST API ({@code POST /user/NAME/api/kernels}) and executed over its websocket
 * ({@code /user/NAME/api/kernels/ID/channels}, the JSON form of the Jupyter messaging protocol 5.3),
 * both through the hub's proxy.
 */
public final class HubKernel implements AutoCloseable {
    private static final Gson GSON = new Gson();

    /** Reconnections of one kernel's websocket after which the test gives up. */
    static final int MAX_RECONNECTS = 5;
    /** Key of the marker the listener queues when the websocket closes or fails. */
    private static final String CLOSED = "dl10-websocket-closed";

    private final ClassHub hub;
    private final String user;
    private final String kernelId;
    /** The current connection's address: a new session id for each connection, as a reloaded JupyterLab page has. */
    private URI uri;
    private final BlockingQueue<JsonObject> messages = new LinkedBlockingQueue<>();
    private final String session = UUID.randomUUID().toString();
    private final List<String> reconnects = new ArrayList<>();
    private WebSocket socket;
    private Listener listener;

    private HubKernel(ClassHub hub, String user, String kernelId) {
        this.hub = hub;
        this.user = user;
        this.kernelId = kernelId;
    }

    /** Why the websocket had to be opened again, once per reconnection (JupyterLab reconnects the same way). */
    public List<String> reconnects() {
        return List.copyOf(reconnects);
    }

    /**
     * How long a kernel's start may take before the test gives up: the server answers the start request,
     * and completes the websocket's opening handshake, only once the kernel's process is up and answers;
     * with three students' kernels starting at once on two busy cores that took more than 30 s.
     */
    static final Duration KERNEL_START_TIMEOUT = Duration.ofSeconds(180);

    /** Starts a kernel of the named kernelspec in {@code user}'s server and connects to it. */
    public static HubKernel start(ClassHub hub, String user, String kernelName) throws IOException, InterruptedException {
        JsonObject kernel = ClassHub.json(hub.send("POST", "/user/" + user + "/api/kernels",
                "{\"name\": \"" + kernelName + "\"}", KERNEL_START_TIMEOUT),
                "starting a " + kernelName + " kernel for " + user).getAsJsonObject();
        String id = kernel.get("id").getAsString();
        HubKernel client = new HubKernel(hub, user, id);
        client.connect();
        return client;
    }

    /**
     * Opens a websocket with a new session id. (Reopening one with the old id, for the server to replay
     * what it kept meanwhile, lost the next cell's reply when the server was still replacing the stale
     * connection of that session.)
     */
    private void connect() {
        uri = URI.create(hub.baseUrl().replaceFirst("^http", "ws") + "/user/" + user + "/api/kernels/" + kernelId
                + "/channels?session_id=" + UUID.randomUUID());
        listener = new Listener(messages);
        socket = open(listener);
    }

    private WebSocket open(WebSocket.Listener to) {
        try {
            return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().newWebSocketBuilder()
                    .header("Authorization", "token " + hub.token())
                    .connectTimeout(KERNEL_START_TIMEOUT)
                    .buildAsync(uri, to).join();
        } catch (CompletionException e) {
            throw new IllegalStateException(user + ": could not open the websocket of kernel " + kernelId + " within "
                    + KERNEL_START_TIMEOUT.toSeconds() + " s (" + e.getCause() + ")\n--- hub log:\n" + hub.logTail(40), e);
        }
    }

    /**
     * Opens the websocket again after it closed (as JupyterLab does when its connection drops), saying
     * why on standard error with the hub's log; fails after {@value #MAX_RECONNECTS} reconnections.
     */
    private void reconnect(String why) {
        reconnects.add(why);
        System.err.println(user + ": the websocket of kernel " + kernelId + " closed (" + why + "); reconnecting, "
                + reconnects.size() + " of at most " + MAX_RECONNECTS + "\n--- hub log:\n" + hub.logTail(20));
        if (reconnects.size() > MAX_RECONNECTS) {
            throw new IllegalStateException(user + ": the websocket of kernel " + kernelId + " closed "
                    + reconnects.size() + " times: " + reconnects + "\n--- hub log:\n" + hub.logTail(40));
        }
        socket.abort();
        connect();
    }

    /**
     * Drops this client's connection the way a second browser tab of the same session does: the server
     * closes the older websocket of a session when a newer one opens. Returns once this client has seen
     * its websocket close; the second connection is closed again at once.
     *
     * @throws IllegalStateException if the server has not closed this client's websocket within 30 s
     */
    public void dropConnection() throws InterruptedException {
        Listener current = listener;
        WebSocket second = open(new WebSocket.Listener() {
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (current.closedBecause == null && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        second.sendClose(WebSocket.NORMAL_CLOSURE, "second tab closed").exceptionally(e -> null).join();
        if (current.closedBecause == null) {
            throw new IllegalStateException(user + ": the server did not close the older websocket of session " + uri
                    + " when a second one opened\n--- hub log:\n" + hub.logTail(20));
        }
    }

    /** The outcome of one cell: its reply status, every output message, and the error, if any. */
    public record CellRun(String status, List<JsonObject> outputs, String error, double seconds) {
        /** True when the cell ran to the end without an error output. */
        public boolean ok() {
            return "ok".equals(status) && error == null;
        }

        /** Number of outputs carrying a PNG image (charts). */
        public long images() {
            return outputs.stream().filter(o -> o.has("data") && o.getAsJsonObject("data").has("image/png")).count();
        }
    }

    /**
     * Executes {@code code} and waits for both its execute_reply and the kernel's return to idle.
     *
     * @throws IllegalStateException when no reply comes within {@code timeout}
     */
    public CellRun execute(String code, Duration timeout) throws InterruptedException {
        String msgId = UUID.randomUUID().toString();
        JsonObject header = new JsonObject();
        header.addProperty("msg_id", msgId);
        header.addProperty("msg_type", "execute_request");
        header.addProperty("session", session);
        header.addProperty("username", ClassHub.SERVICE);
        header.addProperty("date", Instant.now().toString());
        header.addProperty("version", "5.3");
        JsonObject content = KernelConnection.executeRequest(code);
        JsonObject message = new JsonObject();
        message.add("header", header);
        message.add("parent_header", new JsonObject());
        message.add("metadata", new JsonObject());
        message.add("content", content);
        message.addProperty("channel", "shell");
        message.add("buffers", new JsonArray());
        if (listener.closedBecause != null || socket.isOutputClosed()) {
            reconnect(listener.closedBecause != null ? listener.closedBecause + ", before the next cell" : "found closed before the next cell");
        }
        try {
            socket.sendText(GSON.toJson(message), true).join();
        } catch (CompletionException e) {
            reconnect("sending the cell failed: " + e.getCause());
            socket.sendText(GSON.toJson(message), true).join();
        }

        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        List<JsonObject> outputs = new ArrayList<>();
        String status = null;
        String error = null;
        boolean idle = false;
        // The execute_reply goes to the connection that sent the request; if that one closes during the
        // cell, the reply is lost, and the cell's end shows only as the kernel's idle status on IOPub.
        boolean replyLost = false;
        while (status == null || !idle) {
            if (idle && replyLost) {
                status = error == null ? "ok" : "error";
                break;
            }
            long left = deadline - System.nanoTime();
            JsonObject reply = left > 0 ? messages.poll(left, TimeUnit.NANOSECONDS) : null;
            if (reply == null) {
                throw new IllegalStateException(user + ": no " + (status == null ? "execute_reply" : "idle status")
                        + " within " + timeout.toSeconds() + " s for cell" + (reconnects.isEmpty() ? "" : " (websocket reopened: "
                        + reconnects + ")") + ":\n" + code + "\n--- hub log:\n" + hub.logTail(30));
            }
            if (reply.has(CLOSED)) {
                // A marker of an earlier connection, already replaced, is no news.
                if (reply.get("connection").getAsInt() == listener.number) {
                    reconnect(reply.get(CLOSED).getAsString() + ", while waiting for the cell's reply");
                    replyLost |= status == null;
                }
                continue;
            }
            JsonElement parent = reply.getAsJsonObject("parent_header").get("msg_id");
            if (parent == null || !msgId.equals(parent.getAsString())) {
                continue;
            }
            String type = reply.getAsJsonObject("header").get("msg_type").getAsString();
            JsonObject body = reply.getAsJsonObject("content");
            switch (type) {
                case "execute_reply" -> status = body.get("status").getAsString();
                case "status" -> idle = "idle".equals(body.get("execution_state").getAsString());
                case "stream", "display_data", "update_display_data", "execute_result" -> outputs.add(body);
                case "error" -> {
                    outputs.add(body);
                    error = body.get("ename").getAsString() + ": " + body.get("evalue").getAsString();
                }
                default -> {
                    // clear_output, execute_input, comm messages: nothing to record
                }
            }
        }
        return new CellRun(status, outputs, error, (System.nanoTime() - started) / 1e9);
    }

    /** Closes the websocket and shuts the kernel down through the server's REST API. */
    @Override
    public void close() throws IOException, InterruptedException {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").exceptionally(e -> null).join();
        hub.send("DELETE", "/user/" + user + "/api/kernels/" + kernelId, null);
    }

    /** Numbers the connections, so that a close marker names exactly the connection it came from. */
    private static final AtomicInteger CONNECTIONS = new AtomicInteger();

    /** Collects whole text messages (the JSON protocol may split one across frames). */
    private static final class Listener implements WebSocket.Listener {
        private final BlockingQueue<JsonObject> queue;
        private final StringBuilder partial = new StringBuilder();
        /** Why this connection ended, once it has. */
        private volatile String closedBecause;
        /** This connection's number (1, 2, ... within the JVM), carried by its close marker. */
        final int number = CONNECTIONS.incrementAndGet();

        Listener(BlockingQueue<JsonObject> queue) {
            this.queue = queue;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                queue.add(JsonParser.parseString(partial.toString()).getAsJsonObject());
                partial.setLength(0);
            }
            webSocket.request(1);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed("closed by the server with code " + statusCode + (reason.isEmpty() ? "" : " (" + reason + ")"));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed("failed: " + error);
        }

        private void closed(String why) {
            closedBecause = why;
            JsonObject marker = new JsonObject();
            marker.addProperty(CLOSED, why);
            marker.addProperty("connection", number);
            queue.add(marker);
        }
    }
}
