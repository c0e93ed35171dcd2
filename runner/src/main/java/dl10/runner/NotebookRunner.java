package dl10.runner;

import dl10.kernel.engine.ClassPaths;
import dl10.kernel.engine.ClassRedefinition;
import dl10.kernel.jupyter.KernelSpec;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Executes notebooks headless, each in a fresh child JVM ({@link NotebookWorker}) started with this JVM's
 * class path (the kernel, the course library and their dependencies), the notebook's folder as working
 * directory and {@code dl10.metrics.file} pointing at a temporary file whose JSON lines end up in the
 * {@link NotebookResult}.
 */
public final class NotebookRunner {
    private final RunnerOptions options;

    /** A runner with the given options. */
    public NotebookRunner(RunnerOptions options) {
        this.options = options;
    }

    /** Runs one notebook and reports how it went; never throws for a failing notebook. */
    public NotebookResult run(Path notebook) {
        Path source = notebook.toAbsolutePath().normalize();
        Path output = options.outputFor(source).toAbsolutePath().normalize();
        long start = System.nanoTime();
        if (!Files.isRegularFile(source)) {
            return NotebookResult.failed(notebook, notebook + ": no such notebook file", 0);
        }
        if (!options.parameters().isEmpty()) {
            try {
                NotebookParameters.inject(NotebookFiles.read(source), options.parameters(), notebook.toString());
            } catch (IOException | IllegalArgumentException e) {
                return NotebookResult.failed(notebook, e.getMessage(), (System.nanoTime() - start) / 1e9);
            }
        }
        Path workDir = null;
        try {
            workDir = Files.createTempDirectory("dl10-run-");
            Path metrics = workDir.resolve("metrics.jsonl");
            Path resultFile = workDir.resolve("result.json");
            Path parameters = workDir.resolve("parameters.json");
            Json.write(parameters, options.parameters());
            Process process = start(source, output, resultFile, metrics, parameters, notebook.toString());
            Thread pump = pumpToStderr(process.getInputStream(), options.labelLog() ? "[" + source.getFileName() + "] " : "");
            long limitSeconds = (long) options.timeoutSeconds() * Math.max(1, countCodeCells(source))
                    + NotebookWorker.HARD_STOP_GRACE_SECONDS + 120L;
            boolean ended = process.waitFor(limitSeconds, TimeUnit.SECONDS);
            if (!ended) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            pump.join(2000);
            double seconds = (System.nanoTime() - start) / 1e9;
            List<Metric> recorded = Metric.readAll(metrics);
            if (!Files.isRegularFile(resultFile)) {
                String message = ended
                        ? notebook + ": the notebook JVM exited with code " + process.exitValue() + " before writing its results (see the log above)"
                        : notebook + ": the notebook JVM did not finish within " + limitSeconds + " s and was killed";
                return new NotebookResult(notebook, ended ? Status.FAILED : Status.TIMEOUT, message,
                        seconds, null, null, recorded, Files.isRegularFile(output) ? output : null);
            }
            NotebookWorker.Result result = Json.read(resultFile, NotebookWorker.Result.class);
            return new NotebookResult(notebook, result.status(), result.error(), seconds, result.peakRssMb(), result.memory(), recorded, output);
        } catch (IOException e) {
            return NotebookResult.failed(notebook, notebook + ": could not run: " + e.getMessage(), (System.nanoTime() - start) / 1e9);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return NotebookResult.failed(notebook, notebook + ": the run was interrupted", (System.nanoTime() - start) / 1e9);
        } finally {
            deleteQuietly(workDir);
        }
    }

    private Process start(Path notebook, Path output, Path resultFile, Path metrics, Path parameters, String displayName) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options.jvmOptions());
        ClassRedefinition.agentOption().ifPresent(command::add);
        command.add("-Ddl10.metrics.file=" + metrics);
        command.add("-cp");
        command.add(String.join(File.pathSeparator, ClassPaths.jvmClassPath()));
        command.add(NotebookWorker.class.getName());
        command.add(notebook.toString());
        command.add(output.toString());
        command.add(resultFile.toString());
        command.add(Integer.toString(options.timeoutSeconds()));
        command.add(displayName);
        command.add(parameters.toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(notebook.getParent().toFile())
                .redirectErrorStream(true);
        KernelSpec.ENVIRONMENT.forEach(builder.environment()::putIfAbsent);
        return builder.start();
    }

    /**
     * Copies the notebook JVM's log to this JVM's standard error line by line, each line written whole
     * (so that the logs of notebooks run at the same time do not cut into each other's lines) and
     * started with {@code prefix}.
     */
    private static Thread pumpToStderr(InputStream in, String prefix) {
        Thread thread = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    PrintStream err = System.err;
                    synchronized (err) {
                        err.println(prefix + line);
                        err.flush();
                    }
                }
            } catch (IOException ignored) {
                // the child ended
            }
        }, "dl10-worker-log");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static int countCodeCells(Path notebook) {
        try {
            return dl10.kernel.magic.NotebookCode.codeCells(Files.readString(notebook, StandardCharsets.UTF_8)).size();
        } catch (IOException | RuntimeException e) {
            return 1;
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException ignored) {
            // a temporary folder left behind is harmless
        }
    }
}
