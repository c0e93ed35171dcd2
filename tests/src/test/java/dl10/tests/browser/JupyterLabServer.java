package dl10.tests.browser;

import dl10.tests.CourseCheckout;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A JupyterLab server from the course's pinned environment ({@code .venv/}), as {@code environment/start.sh}
 * opens it, but private to the tests: loopback only, a free port chosen now, a random token, its own
 * Jupyter config, data and runtime folders, and only the kernelspecs of {@code jupyterPath}. It serves
 * JupyterLab ({@code /lab}) and Notebook 7 ({@code /notebooks}) from the same process. With a memory
 * cgroup the server joins it before it starts, so that it and every kernel it starts are counted and
 * limited together.
 */
final class JupyterLabServer implements AutoCloseable {
    private final Process process;
    private final int port;
    private final String token;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private JupyterLabServer(Process process, int port, String token, Path log) {
        this.process = process;
        this.port = port;
        this.token = token;
        this.log = log;
    }

    /**
     * Starts the server on {@code rootDir} and waits until its API answers.
     *
     * @param home        folder for the server's private config, data, runtime and log
     * @param jupyterPath folder whose {@code kernels/} holds the kernelspecs the server offers
     * @param env         further environment variables for the server and its kernels
     * @param cgroup      group to start the server in, or null
     */
    static JupyterLabServer start(Path rootDir, Path home, Path jupyterPath, Map<String, String> env,
                                  MemoryCgroup cgroup) throws IOException, InterruptedException {
        Path jupyter = CourseCheckout.venvBin("jupyter");
        int port = freePort();
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String token = HexFormat.of().formatHex(random);
        Path config = Files.createDirectories(home.resolve("config"));
        writeSettings(config);
        Path log = home.resolve("server.log");

        List<String> command = new ArrayList<>();
        if (cgroup != null) {
            // join the group first, then become the server: nothing of it runs outside the limit
            command.addAll(List.of("/bin/sh", "-c", "echo $$ > \"$0\" && exec \"$@\"",
                    cgroup.dir().resolve("cgroup.procs").toString()));
        }
        command.addAll(List.of(jupyter.toString(), "lab", "--no-browser", "--ip=127.0.0.1", "--port=" + port,
                "--ServerApp.port_retries=0", "--IdentityProvider.token=" + token,
                "--ServerApp.root_dir=" + rootDir, "--ServerApp.open_browser=False"));
        if (isRoot()) {
            command.add("--allow-root");
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(rootDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> environment = builder.environment();
        environment.put("JUPYTER_PATH", jupyterPath.toString());
        environment.put("JUPYTER_CONFIG_DIR", config.toString());
        environment.put("JUPYTER_DATA_DIR", Files.createDirectories(home.resolve("data")).toString());
        environment.put("JUPYTER_RUNTIME_DIR", Files.createDirectories(home.resolve("runtime")).toString());
        environment.put("JUPYTERLAB_WORKSPACES_DIR", Files.createDirectories(home.resolve("workspaces")).toString());
        environment.putAll(env);
        JupyterLabServer server = new JupyterLabServer(builder.start(), port, token, log);
        server.awaitReady(Duration.ofSeconds(120));
        return server;
    }

    /**
     * The user settings a test browser needs: no question about fetching news (it would cover the
     * notebook and reach outside). Everything else is JupyterLab's default, as a student gets it.
     */
    private static void writeSettings(Path config) throws IOException {
        Path settings = Files.createDirectories(config.resolve("lab/user-settings/@jupyterlab/apputils-extension"));
        Files.writeString(settings.resolve("notification.jupyterlab-settings"),
                "{\"fetchNews\": \"false\", \"checkForUpdates\": false}\n");
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    String token() {
        return token;
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    private void awaitReady(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("JupyterLab exited with " + process.exitValue() + " before it served:\n"
                        + Files.readString(log));
            }
            try {
                HttpResponse<String> status = http.send(request("/api/status").build(), HttpResponse.BodyHandlers.ofString());
                if (status.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("JupyterLab did not answer on " + baseUrl() + " within " + timeout.toSeconds()
                + " s:\n" + Files.readString(log));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "token " + token);
    }

    /** Kernels the server runs now (the JSON of /api/kernels). */
    String kernels() throws IOException, InterruptedException {
        return http.send(request("/api/kernels").build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Asks the server to shut down (it ends its kernels), and ends it and anything it left if it does not. */
    @Override
    public void close() throws IOException, InterruptedException {
        try {
            http.send(request("/api/shutdown").POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            // already gone
        }
        List<ProcessHandle> children = process.descendants().toList();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        for (ProcessHandle child : children) {
            child.destroyForcibly();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }
}
