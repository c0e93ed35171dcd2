package dl10.runner;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import dl10.kernel.engine.CellFailure;
import dl10.kernel.magic.NotebookCode;
import dl10.kernel.session.NotebookSession;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The child JVM of the headless runner: executes one notebook top to bottom in a fresh session, writes
 * the executed notebook and a small result file ({@code status}, {@code error}, {@code peakRssMb} and the
 * memory split at the sampled peak, see {@link MemorySampler}) for the parent. A watchdog interrupts a cell that runs past the timeout and, if it cannot be stopped, ends the
 * JVM after writing what it has.
 * <p>Arguments: {@code NOTEBOOK OUTPUT_NOTEBOOK RESULT_FILE TIMEOUT_SECONDS [DISPLAY_NAME [PARAMETERS_JSON]]}, the
 * last a JSON object of parameter values injected after the notebook's parameters cell
 * ({@link NotebookParameters}).
 */
public final class NotebookWorker {
    /**
     * What the worker reports to the runner: how the notebook ended, the error, the peak resident memory
     * (VmHWM) and the sampled memory at the largest resident set, split into heap and the rest.
     */
    record Result(Status status, String error, Double peakRssMb, MemorySampler.MemoryPeak memory) {
    }

    /** Extra seconds after a timeout interrupt before the JVM gives up on the cell. */
    static final int HARD_STOP_GRACE_SECONDS = 15;

    private final Path notebook;
    private final Path output;
    private final Path resultFile;
    private final int timeoutSeconds;
    private final String displayName;
    private final Map<String, String> parameters;
    private final MemorySampler memory = new MemorySampler();

    NotebookWorker(Path notebook, Path output, Path resultFile, int timeoutSeconds, String displayName, Map<String, String> parameters) {
        this.parameters = parameters;
        this.notebook = notebook;
        this.output = output;
        this.resultFile = resultFile;
        this.timeoutSeconds = timeoutSeconds;
        this.displayName = displayName;
    }

    /** Entry point of the child JVM. */
    public static void main(String[] args) throws IOException {
        if (args.length < 4) {
            System.err.println("usage: NotebookWorker NOTEBOOK OUTPUT_NOTEBOOK RESULT_FILE TIMEOUT_SECONDS [DISPLAY_NAME [PARAMETERS_JSON]]");
            System.exit(2);
        }
        Path notebook = Path.of(args[0]).toAbsolutePath();
        String displayName = args.length > 4 ? args[4] : notebook.toString();
        stopWhenTheRunnerEnds(displayName);
        Map<String, String> parameters = new LinkedHashMap<>();
        if (args.length > 5) {
            Json.read(Path.of(args[5]), JsonObject.class).entrySet().forEach(e -> parameters.put(e.getKey(), e.getValue().getAsString()));
        }
        int code = new NotebookWorker(notebook, Path.of(args[1]).toAbsolutePath(), Path.of(args[2]).toAbsolutePath(),
                Integer.parseInt(args[3]), displayName, parameters).run();
        System.exit(code);
    }

    /**
     * A notebook JVM does not outlive the runner that started it: when the runner ends before it (Ctrl-C,
     * a kill, a test's time limit), nobody reads its results any more, and a lesson left training would
     * hold a core and its memory until it finished on its own.
     */
    static void stopWhenTheRunnerEnds(String displayName) {
        ProcessHandle.current().parent().ifPresent(runner -> runner.onExit().thenRun(() -> {
            System.err.println(displayName + ": the runner ended, so this notebook's JVM stops too");
            Runtime.getRuntime().halt(3);
        }));
    }

    int run() throws IOException {
        memory.start();
        PrintStream log = System.err;
        JsonObject document = NotebookFiles.read(notebook);
        NotebookFiles.stampMetadata(document);
        try {
            NotebookParameters.inject(document, parameters, displayName);
        } catch (IllegalArgumentException e) {
            finish(document, Status.FAILED, e.getMessage());
            return 1;
        }
        JsonArray cells = document.has("cells") ? document.getAsJsonArray("cells") : new JsonArray();
        CellOutputs outputs = new CellOutputs();
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "dl10-cell-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        Status status = Status.PASSED;
        String error = null;
        boolean stopped = false;
        int executionCount = 0;
        int codeCellNumber = 0;
        try (NotebookSession session = new NotebookSession(notebook.getParent())) {
            for (int index = 0; index < cells.size(); index++) {
                JsonObject cell = cells.get(index).getAsJsonObject();
                if (!"code".equals(cell.get("cell_type").getAsString())) {
                    continue;
                }
                codeCellNumber++;
                JsonArray cellOutputs = new JsonArray();
                cell.add("outputs", cellOutputs);
                if (stopped) {
                    cell.add("execution_count", JsonNull.INSTANCE);
                    continue;
                }
                executionCount++;
                cell.addProperty("execution_count", executionCount);
                outputs.startCell(cellOutputs);
                String source = NotebookCode.source(cell);
                AtomicBoolean timedOut = new AtomicBoolean();
                int cellNumber = index + 1;
                int codeNumber = codeCellNumber;
                ScheduledFuture<?> interrupt = watchdog.schedule(() -> {
                    timedOut.set(true);
                    session.interrupt();
                }, timeoutSeconds, TimeUnit.SECONDS);
                ScheduledFuture<?> hardStop = watchdog.schedule(() -> {
                    String message = where(cellNumber, codeNumber, 0) + " timed out after " + timeoutSeconds
                            + " s and could not be stopped";
                    outputs.error("TimeoutError", message, List.of("TimeoutError: " + message));
                    finish(document, Status.TIMEOUT, message);
                    log.println(message);
                    Runtime.getRuntime().halt(3);
                }, timeoutSeconds + (long) HARD_STOP_GRACE_SECONDS, TimeUnit.SECONDS);
                try {
                    DisplayData result = session.execute(source, executionCount, outputs);
                    if (timedOut.get()) {
                        throw new CellFailure("TimeoutError", "the cell did not finish in time", List.of(), 0);
                    }
                    if (result != null) {
                        outputs.result(result, executionCount);
                    }
                } catch (CellFailure failure) {
                    stopped = true;
                    if (timedOut.get()) {
                        status = Status.TIMEOUT;
                        String message = "cell timed out after " + timeoutSeconds + " s (use --timeout to allow more)";
                        outputs.error("TimeoutError", message, List.of("TimeoutError: " + message
                                + (failure.line() > 0 ? " at line " + failure.line() : "")));
                        error = where(cellNumber, codeNumber, failure.line()) + ": " + message;
                    } else {
                        status = Status.FAILED;
                        outputs.error(failure.ename(), failure.evalue(), failure.traceback());
                        error = where(cellNumber, codeNumber, failure.line()) + ": " + failure.ename() + ": " + failure.evalue();
                    }
                } finally {
                    interrupt.cancel(false);
                    hardStop.cancel(false);
                }
            }
        } catch (RuntimeException | Error e) {
            status = Status.FAILED;
            error = displayName + ": the notebook session failed: " + e;
        } finally {
            watchdog.shutdownNow();
        }
        finish(document, status, error);
        return status == Status.PASSED ? 0 : 1;
    }

    private String where(int cellNumber, int codeCellNumber, int line) {
        return displayName + ", cell " + cellNumber + " (code cell " + codeCellNumber + ")" + (line > 0 ? ", line " + line : "");
    }

    private synchronized void finish(JsonObject document, Status status, String error) {
        try {
            NotebookFiles.write(document, output);
            memory.sample();
            double peak = ProcessMemory.peakRssMbOfSelf();
            Json.write(resultFile, new Result(status, error, peak < 0 ? null : peak, memory.peak()));
        } catch (IOException e) {
            System.err.println("Could not write the results of " + displayName + ": " + e.getMessage());
        }
    }
}
