package dl10.tests.protocol;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dl10.tests.CourseCheckout;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * A minimal Jupyter client written from the messaging specification: it starts the real kernel
 * process on a fresh connection file, connects the shell, control and iopub sockets, signs every
 * message with HMAC-SHA256 and checks the signature of every reply.
 */
public final class KernelConnection implements AutoCloseable {
    private static final Gson GSON = new GsonBuilder().serializeNulls().create();
    private static final String DELIMITER = "<IDS|MSG>";

    private final Process process;
    private final Path stderrLog;
    private final ZContext context = new ZContext();
    private final ZMQ.Socket shell;
    private final ZMQ.Socket control;
    private final ZMQ.Socket iopub;
    private final ZMQ.Socket stdin;
    private final byte[] key;
    private final String session = UUID.randomUUID().toString();

    private KernelConnection(Process process, Path stderrLog, JsonObject connection) {
        this.process = process;
        this.stderrLog = stderrLog;
        this.key = connection.get("key").getAsString().getBytes(StandardCharsets.UTF_8);
        String base = "tcp://127.0.0.1:";
        // as jupyter_client does: shell and stdin share one identity, so input requests reach this client
        byte[] identity = session.getBytes(StandardCharsets.UTF_8);
        shell = context.createSocket(SocketType.DEALER);
        shell.setIdentity(identity);
        shell.connect(base + connection.get("shell_port").getAsInt());
        stdin = context.createSocket(SocketType.DEALER);
        stdin.setIdentity(identity);
        stdin.connect(base + connection.get("stdin_port").getAsInt());
        control = context.createSocket(SocketType.DEALER);
        control.connect(base + connection.get("control_port").getAsInt());
        iopub = context.createSocket(SocketType.SUB);
        iopub.subscribe(new byte[0]);
        iopub.connect(base + connection.get("iopub_port").getAsInt());
    }

    /** Times the kernel is started on fresh ports when one of the chosen ports was taken before it could bind it. */
    private static final int START_ATTEMPTS = 3;

    /**
     * Writes a connection file in {@code dir}, starts the kernel on it, connects, and returns once the
     * kernel answers on its heartbeat (its sockets are bound). The ports are chosen free here, as
     * jupyter_client chooses them, and another process can take one before the kernel's JVM binds it:
     * the kernel then ends with "Address already in use", and it is started again on fresh ports (at most
     * {@value #START_ATTEMPTS} times, each retry on stderr).
     *
     * @throws IOException if the kernel ends before binding for another reason, or keeps losing its ports
     */
    public static KernelConnection start(Path dir) throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            JsonObject connection = new JsonObject();
            connection.addProperty("transport", "tcp");
            connection.addProperty("ip", "127.0.0.1");
            connection.addProperty("signature_scheme", "hmac-sha256");
            connection.addProperty("key", UUID.randomUUID().toString());
            for (String name : List.of("shell_port", "control_port", "iopub_port", "stdin_port", "hb_port")) {
                connection.addProperty(name, freePort());
            }
            Path file = dir.resolve("connection.json");
            Files.writeString(file, GSON.toJson(connection));
            Path stderr = dir.resolve("kernel-stderr.log");
            // started as the installed kernelspec starts it: the kernel jar (also the agent) and the course's class path
            String kernelJar = CourseCheckout.kernelJar().toString();
            Process process = new ProcessBuilder(CourseCheckout.javaExecutable(), "-javaagent:" + kernelJar, "-cp",
                    kernelJar + java.io.File.pathSeparator + CourseCheckout.courseClassPath(), "dl10.kernel.Main", "kernel", file.toString())
                    .directory(dir.toFile())
                    .redirectOutput(dir.resolve("kernel-stdout.log").toFile())
                    .redirectError(stderr.toFile())
                    .start();
            KernelConnection kernel = new KernelConnection(process, stderr, connection);
            if (kernel.heartbeatAnswered(connection.get("hb_port").getAsInt(), TimeUnit.SECONDS.toMillis(120))) {
                return kernel;
            }
            String log = kernel.kernelLog();
            kernel.close();
            if (!log.contains("Address already in use") || attempt == START_ATTEMPTS) {
                throw new IOException("the kernel did not bind its sockets (attempt " + attempt + " of " + START_ATTEMPTS
                        + "); kernel log:\n" + log);
            }
            System.err.println("kernel start, attempt " + attempt + ": a chosen port was taken before the kernel bound it;"
                    + " starting again on fresh ports");
        }
    }

    /** Whether the kernel echoes a heartbeat ping within {@code millis}; false at once if its process ends first. */
    private boolean heartbeatAnswered(int port, long millis) throws InterruptedException {
        ZMQ.Socket heartbeat = context.createSocket(SocketType.REQ);
        try {
            heartbeat.setReceiveTimeOut(200);
            heartbeat.connect("tcp://127.0.0.1:" + port);
            heartbeat.send("ping");
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
            while (System.nanoTime() < deadline) {
                if (heartbeat.recv() != null) {
                    return true;
                }
                if (!process.isAlive()) {
                    return false;
                }
            }
            return false;
        } finally {
            heartbeat.close();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Sends a signed request on the shell socket and returns its msg_id. */
    public String sendShell(String type, JsonObject content) {
        return send(shell, type, content, true);
    }

    /** Sends a signed request on the control socket and returns its msg_id. */
    public String sendControl(String type, JsonObject content) {
        return send(control, type, content, true);
    }

    /** Sends a signed message on the stdin socket (an input_reply) answering the parent message. */
    public String sendStdin(String type, JsonObject content, Message parent) {
        return send(stdin, type, content, true, parent.header());
    }

    /** The next message on the stdin socket (an input_request), or null after {@code millis}. */
    public Message nextStdin(long millis) {
        return receive(stdin, millis);
    }

    /** Sends a shell request whose signature is deliberately wrong; returns its msg_id. */
    public String sendShellWithBadSignature(String type, JsonObject content) {
        return send(shell, type, content, false);
    }

    private String send(ZMQ.Socket socket, String type, JsonObject content, boolean correctSignature) {
        return send(socket, type, content, correctSignature, new JsonObject());
    }

    private String send(ZMQ.Socket socket, String type, JsonObject content, boolean correctSignature, JsonObject parent) {
        String id = UUID.randomUUID().toString();
        JsonObject header = new JsonObject();
        header.addProperty("msg_id", id);
        header.addProperty("session", session);
        header.addProperty("username", "test");
        header.addProperty("date", Instant.now().toString());
        header.addProperty("msg_type", type);
        header.addProperty("version", "5.3");
        String[] parts = {GSON.toJson(header), GSON.toJson(parent), "{}", GSON.toJson(content)};
        String signature = sign(parts);
        if (!correctSignature) {
            signature = new StringBuilder(signature).reverse().toString();
        }
        socket.sendMore(DELIMITER);
        socket.sendMore(signature);
        for (int i = 0; i < parts.length; i++) {
            if (i < parts.length - 1) {
                socket.sendMore(parts[i]);
            } else {
                socket.send(parts[i]);
            }
        }
        return id;
    }

    /** The next message on the shell socket, or null after {@code millis}. */
    public Message nextShell(long millis) {
        return receive(shell, millis);
    }

    /** The next message on the control socket, or null after {@code millis}. */
    public Message nextControl(long millis) {
        return receive(control, millis);
    }

    /** The next message on iopub, or null after {@code millis}. */
    public Message nextIopub(long millis) {
        return receive(iopub, millis);
    }

    /** Waits for the shell reply to {@code requestId}, skipping replies to other requests. */
    public Message shellReplyTo(String requestId, long millis) {
        return replyTo(shell, requestId, millis);
    }

    /** Waits for the control reply to {@code requestId}, skipping replies to other requests. */
    public Message controlReplyTo(String requestId, long millis) {
        return replyTo(control, requestId, millis);
    }

    private Message replyTo(ZMQ.Socket socket, String requestId, long millis) {
        long deadline = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < deadline) {
            Message m = receive(socket, Math.max(1, deadline - System.currentTimeMillis()));
            if (m != null && requestId.equals(m.parentId())) {
                return m;
            }
        }
        return null;
    }

    /**
     * Collects the iopub messages that answer {@code requestId} until the kernel reports idle for it
     * (or the time is up), in the order they arrived.
     */
    public List<Message> iopubUntilIdle(String requestId, long millis) {
        List<Message> collected = new ArrayList<>();
        long deadline = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < deadline) {
            Message m = receive(iopub, Math.max(1, deadline - System.currentTimeMillis()));
            if (m == null || !requestId.equals(m.parentId())) {
                continue;
            }
            collected.add(m);
            if (m.type().equals("status") && "idle".equals(m.content().get("execution_state").getAsString())) {
                return collected;
            }
        }
        return collected;
    }

    /** Executes {@code code} and returns the reply with every iopub message that belongs to it. */
    public Execution execute(String code, long millis) {
        return execute(executeRequest(code), millis);
    }

    /** Executes a request made with {@link #executeRequest} (and changed) and collects its messages. */
    public Execution execute(JsonObject request, long millis) {
        String id = sendShell("execute_request", request);
        return collect(id, millis);
    }

    /** Waits for the reply to an execute request sent earlier and the iopub messages it published. */
    public Execution collect(String requestId, long millis) {
        Message reply = shellReplyTo(requestId, millis);
        List<Message> published = iopubUntilIdle(requestId, millis);
        return new Execution(reply, published);
    }

    /**
     * The content of an execute request as JupyterLab sends it for a cell: not silent, stored in the
     * history, no user expressions, stop_on_error; allow_stdin false unless a test wants input.
     */
    public static JsonObject executeRequest(String code) {
        JsonObject content = new JsonObject();
        content.addProperty("code", code);
        content.addProperty("silent", false);
        content.addProperty("store_history", true);
        content.add("user_expressions", new JsonObject());
        content.addProperty("allow_stdin", false);
        content.addProperty("stop_on_error", true);
        return content;
    }

    private Message receive(ZMQ.Socket socket, long millis) {
        socket.setReceiveTimeOut((int) Math.min(Integer.MAX_VALUE, millis));
        List<byte[]> frames = new ArrayList<>();
        byte[] first = socket.recv();
        if (first == null) {
            return null;
        }
        frames.add(first);
        while (socket.hasReceiveMore()) {
            frames.add(socket.recv());
        }
        int delimiter = -1;
        for (int i = 0; i < frames.size(); i++) {
            if (DELIMITER.equals(new String(frames.get(i), StandardCharsets.UTF_8))) {
                delimiter = i;
                break;
            }
        }
        if (delimiter < 0 || frames.size() < delimiter + 6) {
            throw new AssertionError("malformed message from the kernel: " + frames.size() + " frames");
        }
        String signature = new String(frames.get(delimiter + 1), StandardCharsets.UTF_8);
        String[] parts = new String[4];
        for (int i = 0; i < 4; i++) {
            parts[i] = new String(frames.get(delimiter + 2 + i), StandardCharsets.UTF_8);
        }
        if (!sign(parts).equals(signature)) {
            throw new AssertionError("the kernel sent a message with a wrong signature: " + parts[0]);
        }
        return new Message(JsonParser.parseString(parts[0]).getAsJsonObject(),
                JsonParser.parseString(parts[1]).getAsJsonObject(),
                JsonParser.parseString(parts[3]).getAsJsonObject());
    }

    private String sign(String[] parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            for (String part : parts) {
                mac.update(part.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The kernel process, for checking that it is alive or has exited. */
    public Process process() {
        return process;
    }

    /** What the kernel wrote to stderr so far (its log), for failure messages. */
    public String kernelLog() {
        try {
            return Files.readString(stderrLog);
        } catch (IOException e) {
            return "(no kernel log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        context.close();
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** One received message: header, parent header and content. */
    public record Message(JsonObject header, JsonObject parentHeader, JsonObject content) {
        /** The message type from the header. */
        public String type() {
            return header.get("msg_type").getAsString();
        }

        /** The msg_id of the request this message answers, or null. */
        public String parentId() {
            return parentHeader.has("msg_id") ? parentHeader.get("msg_id").getAsString() : null;
        }

        @Override
        public String toString() {
            return type() + " " + content;
        }
    }

    /** An execute_reply and the iopub messages published for the same request. */
    public record Execution(Message reply, List<Message> published) {
        /** The published messages of one type. */
        public List<Message> ofType(String type) {
            return published.stream().filter(m -> m.type().equals(type)).toList();
        }

        /** Everything written to one stream ("stdout" or "stderr"), concatenated. */
        public String stream(String name) {
            StringBuilder text = new StringBuilder();
            for (Message m : ofType("stream")) {
                if (name.equals(m.content().get("name").getAsString())) {
                    text.append(m.content().get("text").getAsString());
                }
            }
            return text.toString();
        }

        /** The status field of the execute_reply. */
        public String status() {
            return reply == null ? "no reply" : reply.content().get("status").getAsString();
        }
    }
}
