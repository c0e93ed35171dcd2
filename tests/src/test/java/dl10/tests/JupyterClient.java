package dl10.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Drives the real Jupyter tools of the course's pinned Python environment ({@code .venv/bin/jupyter},
 * made by environment/install-python-env.sh): installs the course kernelspec into a private
 * JUPYTER_PATH and executes notebooks with {@code jupyter nbconvert --execute} (nbclient, the headless
 * Jupyter client).
 */
public final class JupyterClient {
    /** The Jupyter command line of the course's Python environment. */
    public static final Path JUPYTER = CourseCheckout.venv().resolve("bin/jupyter");

    private final Path jupyterPath;
    private final Path home;

    private JupyterClient(Path jupyterPath, Path home) {
        this.jupyterPath = jupyterPath;
        this.home = home;
    }

    /** True when the course's Python environment (with its Jupyter command line) is there. */
    public static boolean available() {
        return Files.isExecutable(JUPYTER);
    }

    /**
     * Installs the course kernelspec below {@code dir} with the kernel's own install command and the
     * course's class path, as environment/start.sh does.
     */
    public static JupyterClient withCourseKernel(Path dir) throws IOException, InterruptedException {
        Path jupyterPath = dir.resolve("jupyter-path");
        Path home = dir.resolve("home");
        Files.createDirectories(home);
        CourseCheckout.installKernelspec(jupyterPath, null);
        return new JupyterClient(jupyterPath, home);
    }

    /** Lists the kernelspecs this client's Jupyter sees. */
    public ProcessResult kernelspecs() throws IOException, InterruptedException {
        return run(List.of(JUPYTER.toString(), "kernelspec", "list"), environment(), home, 60);
    }

    /** Executes {@code notebook} with nbconvert into {@code outputDir}, with the course kernel. */
    public ProcessResult execute(Path notebook, Path outputDir, int timeoutSeconds)
            throws IOException, InterruptedException {
        return execute(notebook, outputDir, timeoutSeconds, Map.of());
    }

    /** As {@link #execute(Path, Path, int)}, with extra environment variables for the kernel. */
    public ProcessResult execute(Path notebook, Path outputDir, int timeoutSeconds, Map<String, String> extraEnv)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(JUPYTER.toString(), "nbconvert", "--to", "notebook",
                "--execute", "--ExecutePreprocessor.kernel_name=dl10-java",
                "--ExecutePreprocessor.timeout=" + timeoutSeconds,
                "--output-dir", outputDir.toString(), notebook.toString()));
        Map<String, String> env = new java.util.HashMap<>(environment());
        env.putAll(extraEnv);
        return run(command, env, notebook.getParent(), timeoutSeconds + 120);
    }

    private Map<String, String> environment() {
        return Map.of("JUPYTER_PATH", jupyterPath.toString(),
                "JUPYTER_RUNTIME_DIR", home.resolve("runtime").toString(),
                "JUPYTER_DATA_DIR", home.resolve("data").toString(),
                "JUPYTER_CONFIG_DIR", home.resolve("config").toString(),
                "HOME", home.toString());
    }

    private static ProcessResult run(List<String> command, Map<String, String> env, Path cwd, int timeoutSeconds)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile("jupyter-client", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(cwd.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                return new ProcessResult(-1, "timed out after " + timeoutSeconds + " s: " + String.join(" ", command)
                        + "\n" + Files.readString(log));
            }
            return new ProcessResult(process.exitValue(), Files.readString(log));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** Exit code and combined output of one Jupyter command. */
    public record ProcessResult(int exitCode, String output) {
    }
}
