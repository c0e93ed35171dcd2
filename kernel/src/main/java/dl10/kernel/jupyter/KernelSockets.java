package dl10.kernel.jupyter;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The five ZeroMQ sockets of a kernel (messaging specification 5.4, "Introduction" and "The Wire
 * Protocol"): shell, control and stdin (ROUTER), iopub (PUB) and heartbeat (REP), bound to the ports of
 * a connection file. Every message is signed with the connection's HMAC key and every incoming
 * signature is checked; a message with a wrong signature is logged and dropped, and the channel keeps
 * working.
 *
 * <p>Threads: shell and control each have their own thread, which receives a request and runs the
 * handler on it, so a long cell never blocks an interrupt on control. A request is taken as soon as it
 * arrives (blocking receive, no polling interval). Publishing on iopub is safe from any thread; input
 * requests on stdin are made from a thread of their own, so interrupting the cell that waits for input
 * never interrupts a socket operation.
 */
public final class KernelSockets {
    /** The protocol version this kernel implements and puts into every header. */
    public static final String PROTOCOL_VERSION = "5.4";

    private static final Logger LOG = Logger.getLogger(KernelSockets.class.getName());
    private static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);
    private static final Gson GSON = new GsonBuilder().serializeNulls().disableHtmlEscaping().create();
    private static final int RECEIVE_TIMEOUT_MILLIS = 100;

    /** The two request channels. */
    public enum Channel {
        /** Execution, completion, inspection, history and the like; one request at a time. */
        SHELL,
        /** Interrupt, shutdown and kernel info; answered even while a cell runs. */
        CONTROL
    }

    /** Handles one request received on a channel (runs on that channel's thread). */
    @FunctionalInterface
    public interface Handler {
        /** Answers the request. */
        void handle(Channel channel, WireMessage request);
    }

    private final JsonObject connection;
    private final ZContext context = new ZContext(1);
    private final ZMQ.Socket shell;
    private final ZMQ.Socket control;
    private final ZMQ.Socket stdin;
    private final ZMQ.Socket iopub;
    private final ZMQ.Socket heartbeat;
    private final Object iopubLock = new Object();
    private final Object stdinLock = new Object();
    private final ThreadLocal<Mac> mac;
    private final String session = UUID.randomUUID().toString();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private volatile boolean running = true;

    private KernelSockets(JsonObject connection) throws GeneralSecurityException {
        this.connection = connection;
        String key = WireMessage.string(connection, "key", "");
        String scheme = WireMessage.string(connection, "signature_scheme", "hmac-sha256");
        if (key.isEmpty()) {
            mac = null;
        } else {
            String algorithm = "Hmac" + scheme.replaceFirst("^hmac-", "").toUpperCase(Locale.ROOT);
            SecretKeySpec spec = new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm);
            Mac.getInstance(algorithm).init(spec); // fail now, not on the first message, if unsupported
            mac = ThreadLocal.withInitial(() -> {
                try {
                    Mac m = Mac.getInstance(algorithm);
                    m.init(spec);
                    return m;
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        shell = bind(SocketType.ROUTER, "shell_port");
        control = bind(SocketType.ROUTER, "control_port");
        stdin = bind(SocketType.ROUTER, "stdin_port");
        iopub = bind(SocketType.PUB, "iopub_port");
        heartbeat = bind(SocketType.REP, "hb_port");
        for (ZMQ.Socket socket : List.of(shell, control, stdin, heartbeat)) {
            socket.setReceiveTimeOut(RECEIVE_TIMEOUT_MILLIS);
        }
        iopub.setLinger(1000);
        shell.setLinger(1000);
        control.setLinger(1000);
    }

    /** Binds the sockets named by a connection file (JSON with transport, ip, the five ports, key). */
    public static KernelSockets bind(Path connectionFile) throws IOException, GeneralSecurityException {
        JsonObject connection;
        try {
            connection = JsonParser.parseString(Files.readString(connectionFile, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw new IOException("The connection file " + connectionFile + " is not a JSON object: " + e.getMessage(), e);
        }
        return new KernelSockets(connection);
    }

    private ZMQ.Socket bind(SocketType type, String portField) {
        String transport = WireMessage.string(connection, "transport", "tcp");
        String ip = WireMessage.string(connection, "ip", "127.0.0.1");
        int port = connection.get(portField).getAsInt();
        ZMQ.Socket socket = context.createSocket(type);
        String address = "ipc".equals(transport) ? "ipc://" + ip + "-" + port : transport + "://" + ip + ":" + port;
        socket.bind(address);
        return socket;
    }

    /** The port numbers this kernel listens on, by connection-file name (for connect_reply). */
    public JsonObject ports() {
        JsonObject ports = new JsonObject();
        for (String name : List.of("shell_port", "iopub_port", "stdin_port", "hb_port", "control_port")) {
            ports.add(name, connection.get(name));
        }
        return ports;
    }

    /** Starts the shell, control and heartbeat threads; requests go to the handler. */
    public void start(Handler handler) {
        startThread("dl10-shell", () -> serve(shell, Channel.SHELL, handler));
        startThread("dl10-control", () -> serve(control, Channel.CONTROL, handler));
        startThread("dl10-heartbeat", this::echoHeartbeats);
    }

    private void startThread(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
    }

    private void serve(ZMQ.Socket socket, Channel channel, Handler handler) {
        while (running) {
            WireMessage request;
            try {
                request = receive(socket, 0);
            } catch (RuntimeException e) {
                if (running) {
                    LOG.log(Level.WARNING, "The " + channel + " channel could not read a message: " + e, e);
                }
                continue;
            }
            if (request == null) {
                continue;
            }
            try {
                handler.handle(channel, request);
            } catch (RuntimeException | Error e) {
                LOG.log(Level.SEVERE, "Handling " + request.type() + " on " + channel + " failed: " + e, e);
            }
        }
    }

    private void echoHeartbeats() {
        while (running) {
            try {
                byte[] ping = heartbeat.recv();
                if (ping == null) {
                    continue;
                }
                List<byte[]> frames = new ArrayList<>(List.of(ping));
                while (heartbeat.hasReceiveMore()) {
                    frames.add(heartbeat.recv());
                }
                for (int i = 0; i < frames.size(); i++) {
                    heartbeat.send(frames.get(i), i < frames.size() - 1 ? ZMQ.SNDMORE : 0);
                }
            } catch (RuntimeException e) {
                if (running) {
                    LOG.log(Level.FINE, "Heartbeat: " + e);
                }
            }
        }
    }

    /**
     * Receives the next message on the socket: waits up to the socket's receive timeout, or not at all
     * with {@link ZMQ#DONTWAIT}. Returns null if none arrived or its signature is wrong (logged).
     */
    private WireMessage receive(ZMQ.Socket socket, int flags) {
        byte[] first = socket.recv(flags);
        if (first == null) {
            return null;
        }
        List<byte[]> frames = new ArrayList<>();
        frames.add(first);
        while (socket.hasReceiveMore()) {
            frames.add(socket.recv());
        }
        int delimiter = -1;
        for (int i = 0; i < frames.size(); i++) {
            if (MessageDigest.isEqual(DELIMITER, frames.get(i))) {
                delimiter = i;
                break;
            }
        }
        if (delimiter < 0 || frames.size() < delimiter + 6) {
            LOG.warning("Dropped a malformed message (" + frames.size() + " frames, no complete <IDS|MSG> part)");
            return null;
        }
        byte[][] parts = new byte[4][];
        for (int i = 0; i < 4; i++) {
            parts[i] = frames.get(delimiter + 2 + i);
        }
        String signature = new String(frames.get(delimiter + 1), StandardCharsets.US_ASCII);
        if (mac != null && !MessageDigest.isEqual(sign(parts).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII))) {
            LOG.warning("Dropped a message with an invalid signature");
            return null;
        }
        try {
            return new WireMessage(List.copyOf(frames.subList(0, delimiter)), json(parts[0]), json(parts[1]),
                    json(parts[2]), json(parts[3]), List.copyOf(frames.subList(delimiter + 6, frames.size())));
        } catch (JsonParseException | IllegalStateException e) {
            LOG.warning("Dropped a message whose parts are not JSON objects: " + e.getMessage());
            return null;
        }
    }

    private static JsonObject json(byte[] part) {
        return JsonParser.parseString(new String(part, StandardCharsets.UTF_8)).getAsJsonObject();
    }

    private String sign(byte[][] parts) {
        if (mac == null) {
            return "";
        }
        Mac m = mac.get();
        for (byte[] part : parts) {
            m.update(part);
        }
        return HexFormat.of().formatHex(m.doFinal());
    }

    private JsonObject header(String type) {
        JsonObject header = new JsonObject();
        header.addProperty("msg_id", UUID.randomUUID().toString());
        header.addProperty("session", session);
        header.addProperty("username", "kernel");
        header.addProperty("date", Instant.now().toString());
        header.addProperty("msg_type", type);
        header.addProperty("version", PROTOCOL_VERSION);
        return header;
    }

    /** Sends a message and returns its header. */
    private JsonObject send(ZMQ.Socket socket, List<byte[]> identities, WireMessage parent, String type,
                            JsonObject content, JsonObject metadata) {
        JsonObject header = header(type);
        byte[][] parts = {
                GSON.toJson(header).getBytes(StandardCharsets.UTF_8),
                GSON.toJson(parent == null ? new JsonObject() : parent.header()).getBytes(StandardCharsets.UTF_8),
                GSON.toJson(metadata == null ? new JsonObject() : metadata).getBytes(StandardCharsets.UTF_8),
                GSON.toJson(content).getBytes(StandardCharsets.UTF_8)};
        String signature = sign(parts);
        for (byte[] identity : identities) {
            socket.sendMore(identity);
        }
        socket.sendMore(DELIMITER);
        socket.sendMore(signature);
        socket.sendMore(parts[0]);
        socket.sendMore(parts[1]);
        socket.sendMore(parts[2]);
        socket.send(parts[3]);
        return header;
    }

    /** Publishes a message on iopub (from any thread); parent is the request it belongs to, or null. */
    public void publish(WireMessage parent, String type, JsonObject content) {
        publish(parent, type, content, null);
    }

    /** Publishes a message with metadata on iopub. */
    public void publish(WireMessage parent, String type, JsonObject content, JsonObject metadata) {
        synchronized (iopubLock) {
            if (!context.isClosed()) {
                send(iopub, List.of(topic(type)), parent, type, content, metadata);
            }
        }
    }

    private static byte[] topic(String type) {
        return ("kernel." + type).getBytes(StandardCharsets.UTF_8);
    }

    /** Sends the reply to a request on the channel it came from (only from that channel's thread). */
    public void reply(Channel channel, WireMessage request, String type, JsonObject content, JsonObject metadata) {
        send(channel == Channel.SHELL ? shell : control, request.identities(), request, type, content, metadata);
    }

    /**
     * The shell requests that have already arrived and wait to be handled, taken off the socket in the
     * order they came. Only the shell thread may call this (while it handles a request).
     */
    public List<WireMessage> takeQueuedShellRequests() {
        List<WireMessage> queued = new ArrayList<>();
        int emptyReads = 0;
        while (emptyReads < 3) {
            WireMessage next = receive(shell, ZMQ.DONTWAIT);
            if (next != null) {
                queued.add(next);
                emptyReads = 0;
            } else if ((shell.getEvents() & ZMQ.Poller.POLLIN) == 0) {
                return queued;
            } else {
                emptyReads++; // a message that was dropped (bad signature) or is still arriving
            }
        }
        return queued;
    }

    /**
     * Asks the front end for one line of input (input_request on stdin) on behalf of the request, and
     * waits for its input_reply. Returns null if cancelled says so before the reply arrives. Must not
     * run on a thread that may be interrupted: call it from a thread of its own.
     */
    public String requestInput(WireMessage parent, String prompt, boolean password, BooleanSupplier cancelled) {
        synchronized (stdinLock) {
            while (receive(stdin, ZMQ.DONTWAIT) != null) {
                // replies to earlier, abandoned requests
            }
            JsonObject content = new JsonObject();
            content.addProperty("prompt", prompt);
            content.addProperty("password", password);
            String requestId = send(stdin, parent.identities(), parent, "input_request", content, null)
                    .get("msg_id").getAsString();
            while (running && !cancelled.getAsBoolean()) {
                WireMessage reply = receive(stdin, 0);
                if (reply == null) {
                    continue;
                }
                if ("input_reply".equals(reply.type()) && requestId.equals(WireMessage.string(reply.parentHeader(), "msg_id", ""))) {
                    return reply.text("value", "");
                }
                LOG.fine("Ignored a stdin message that answers no pending input request: " + reply.type());
            }
            return null;
        }
    }

    /** Asks the channel threads to stop after the request they are handling. */
    public void stop() {
        running = false;
    }

    /** Waits until {@link #stop()} was called and every channel thread has ended, then closes the sockets. */
    public void awaitStop() throws InterruptedException {
        for (Thread thread : threads) {
            thread.join();
        }
        synchronized (iopubLock) {
            synchronized (stdinLock) {
                context.close();
            }
        }
    }
}
