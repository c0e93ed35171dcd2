package dl10.tests.hub;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The course's class hub (environment/jupyterhub/jupyterhub_config.py) running on loopback for a test:
 * JupyterHub from the course's venv, configurable-http-proxy from environment/jupyterhub/node_modules,
 * the dummy authenticator and the simple local spawner (the config's test settings; a real class uses
 * first-use passwords and systemd units), every port chosen free at run time, all state in one folder.
 * The test talks to it as an API service with its own token, through the proxy as a browser would.
 */
public final class ClassHub implements AutoCloseable {
    /** Name of the API service the test acts as. */
    public static final String SERVICE = "class-check";

    private final Path state;
    private final Process process;
    private final String baseUrl;
    private final String token;
    // HTTP/1.1: the default (HTTP/2) asks for an h2c upgrade, which the proxy forwards as if it were a websocket.
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private ClassHub(Path state, Process process, String baseUrl, String token) {
        this.state = state;
        this.process = process;
        this.baseUrl = baseUrl;
        this.token = token;
    }

    /**
     * Starts the hub for {@code students} with its state (database, homes, log) in {@code state},
     * and waits until its REST API answers through the proxy.
     *
     * @param root the course checkout (its environment/jupyterhub/ holds the hub's configuration)
     * @param venv the course's Python environment with JupyterHub and the course kernelspec
     * @param metricsDir each student's kernel appends the lesson's metrics to {@code <name>.jsonl} here
     * @throws IllegalStateException with the end of the hub's log when it does not come up in 90 s
     */
    public static ClassHub start(Path root, Path venv, Path state, List<String> students, Path metricsDir)
            throws IOException, InterruptedException {
        Files.createDirectories(state);
        Files.createDirectories(metricsDir);
        Files.writeString(state.resolve("class-list.txt"), String.join("\n", students) + "\n");
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        String token = HexFormat.of().formatHex(secret);
        int proxyPort = freePort();
        String baseUrl = "http://127.0.0.1:" + proxyPort;

        Path config = state.resolve("test_jupyterhub_config.py");
        Files.writeString(config, String.join("\n",
                "# The class hub as configured for the course, plus what the test needs: its own ports,",
                "# an API service for the test, and a metrics file per student.",
                "c = get_config()",
                "load_subconfig(" + py(root.resolve("environment/jupyterhub/jupyterhub_config.py")) + ")",
                "c.JupyterHub.hub_bind_url = 'http://127.0.0.1:" + freePort() + "'",
                "c.ConfigurableHTTPProxy.api_url = 'http://127.0.0.1:" + freePort() + "'",
                "c.JupyterHub.services.append({'name': '" + SERVICE + "', 'api_token': '" + token + "'})",
                "c.JupyterHub.load_roles.append({'name': '" + SERVICE + "', 'services': ['" + SERVICE + "'],",
                "    'scopes': ['admin:users', 'admin:servers', 'admin:server_state', 'access:servers']})",
                "metrics = " + py(metricsDir),
                "c.Spawner.environment['DL10_METRICS_FILE'] = lambda spawner: f'{metrics}/{spawner.user.name}.jsonl'",
                ""));

        Path log = state.resolve("hub.log");
        ProcessBuilder builder = new ProcessBuilder(venv.resolve("bin/jupyterhub").toString(), "-f", config.toString())
                .directory(state.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("DL10_VENV", venv.toString());
        builder.environment().put("DL10_HUB_STATE", state.toString());
        builder.environment().put("DL10_HUB_URL", baseUrl);
        builder.environment().put("DL10_HUB_SPAWNER", "simple");
        builder.environment().put("DL10_HUB_AUTH", "dummy");
        ClassHub hub = new ClassHub(state, builder.start(), baseUrl, token);
        try {
            hub.awaitApi(Duration.ofSeconds(90));
        } catch (RuntimeException | IOException | InterruptedException e) {
            hub.close();
            throw e;
        }
        return hub;
    }

    private void awaitApi(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the hub exited with code " + process.exitValue() + ":\n" + logTail(60));
            }
            try {
                if (send("GET", "/hub/api/", null).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // proxy not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the hub's API did not answer at " + baseUrl + " within " + timeout.toSeconds()
                + " s:\n" + logTail(60));
    }

    /** The course's Python environment the hub runs from: $DL10_VENV, else .venv in the checkout. */
    public static Path venv(Path root) {
        return Path.of(System.getenv().getOrDefault("DL10_VENV", root.resolve(".venv").toString()));
    }

    /**
     * Skips the calling test, saying what is missing and how to install it, when {@code needed} files
     * are absent; under CI (environment variable CI set) fails instead, since CI installs the hub.
     */
    public static void assumeInstalled(List<Path> needed) {
        List<Path> missing = needed.stream().filter(p -> !Files.exists(p)).toList();
        String message = "the class hub is not installed (missing " + missing + "); run environment/jupyterhub/install.sh";
        if (System.getenv("CI") != null && !missing.isEmpty()) {
            throw new AssertionError(message);
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(missing.isEmpty(), message);
    }

    /** The proxy's address, the one students would open. */
    public String baseUrl() {
        return baseUrl;
    }

    /** The test service's API token; the students' servers accept it (scope access:servers). */
    public String token() {
        return token;
    }

    /** The hub's process; the students' servers and their kernels are among its descendants. */
    public ProcessHandle processHandle() {
        return process.toHandle();
    }

    /** Asks the hub to start a student's server (REST: POST /hub/api/users/NAME/server). */
    public void startServer(String user) throws IOException, InterruptedException {
        HttpResponse<String> response = send("POST", "/hub/api/users/" + user + "/server", "{}");
        if (response.statusCode() != 201 && response.statusCode() != 202) {
            throw new IllegalStateException("starting " + user + "'s server: HTTP " + response.statusCode() + " "
                    + response.body() + "\n" + logTail(40));
        }
    }

    /** Waits until the hub reports the student's server ready and returns its process id. */
    public long awaitServer(String user, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonObject model = json(send("GET", "/hub/api/users/" + user, null), "reading user " + user).getAsJsonObject();
            JsonElement server = model.getAsJsonObject("servers").get("");
            if (server != null && server.getAsJsonObject().get("ready").getAsBoolean()) {
                return server.getAsJsonObject().getAsJsonObject("state").get("pid").getAsLong();
            }
            if (server == null && model.get("pending").isJsonNull()) {
                throw new IllegalStateException(user + "'s server stopped while starting:\n" + logTail(60));
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(user + "'s server was not ready within " + timeout.toSeconds() + " s:\n" + logTail(60));
    }

    /** Asks the hub to stop a student's server and waits until it has. */
    public void stopServer(String user) throws IOException, InterruptedException {
        HttpResponse<String> response = send("DELETE", "/hub/api/users/" + user + "/server", null);
        if (response.statusCode() != 202 && response.statusCode() != 204) {
            throw new IllegalStateException("stopping " + user + "'s server: HTTP " + response.statusCode() + " " + response.body());
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            JsonObject model = json(send("GET", "/hub/api/users/" + user, null), "reading user " + user).getAsJsonObject();
            if (model.getAsJsonObject("servers").size() == 0) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(user + "'s server did not stop within 60 s");
    }

    /** One authenticated request to {@code path} below the proxy's address, answered within 60 s. */
    public HttpResponse<String> send(String method, String path, String jsonBody) throws IOException, InterruptedException {
        return send(method, path, jsonBody, Duration.ofSeconds(60));
    }

    /** One authenticated request to {@code path} below the proxy's address, answered within {@code timeout}. */
    public HttpResponse<String> send(String method, String path, String jsonBody, Duration timeout) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(timeout)
                .header("Authorization", "token " + token);
        if (jsonBody != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(jsonBody, StandardCharsets.UTF_8));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The body as JSON, or an exception naming what was asked and what came back. */
    public static JsonElement json(HttpResponse<String> response, String what) {
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(what + ": HTTP " + response.statusCode() + " " + response.body());
        }
        return JsonParser.parseString(response.body());
    }

    /** The last {@code lines} lines of the hub's log (the hub, the proxy and every student's server). */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(state.resolve("hub.log"), StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no hub log: " + e.getMessage() + ")";
        }
    }

    /**
     * Stops the hub as a teacher's Ctrl-C does (SIGTERM: it stops every server and the proxy), then
     * makes sure nothing it started is left running.
     */
    @Override
    public void close() {
        List<ProcessHandle> started = process.descendants().toList();
        // The idle culler ignores the hub's SIGINT and would hold the hub's shutdown for 10 s: end it first.
        started.stream().filter(p -> p.info().arguments().map(a -> List.of(a).contains("jupyterhub_idle_culler")).orElse(false))
                .forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        started.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private static String py(Path path) {
        return "r'" + path.toAbsolutePath() + "'";
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
