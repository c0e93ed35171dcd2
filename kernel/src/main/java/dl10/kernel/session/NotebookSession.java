package dl10.kernel.session;

import dl10.kernel.engine.CellFailure;
import dl10.kernel.engine.ClassPaths;
import dl10.kernel.engine.JShellEngine;
import dl10.kernel.io.CapturedStreams;
import dl10.kernel.io.KernelStdin;
import dl10.kernel.magic.CellInterpreter;
import dl10.kernel.magic.MavenResolver;
import dl10.kernel.render.KernelRenderer;
import dl10.kernel.runtime.DisplaySession;
import dl10.kernel.runtime.OutputSink;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One notebook's session, shared by the Jupyter kernel and the headless runner: the JShell engine, the
 * magics, the renderers, the display functions and the captured output streams. {@link #execute} runs a
 * cell, sends its printed text and displays to an {@link OutputSink}, and returns the rendered value of its
 * last expression. Libraries on the class path add renderers and imports through
 * {@link dl10.kernel.api.NotebookExtension} (found with {@link java.util.ServiceLoader}).
 */
public final class NotebookSession implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(NotebookSession.class.getName());

    static {
        // create the console log handler now, on the real stderr, not on a cell's captured stream
        Logger.getLogger("").getHandlers();
        // likewise let slf4j-simple (used by DJL) cache the real stderr now (see simplelogger.properties)
        org.slf4j.LoggerFactory.getLogger(NotebookSession.class);
    }

    private final JShellEngine engine;
    private final CellInterpreter interpreter;
    private final KernelRenderer renderer;
    private final List<String> extensionImports;

    /**
     * A session whose relative paths start at workingDir, with renderers of its own. Like IJava, it adds
     * the jars named by DL10_CLASSPATH, IJAVA_CLASSPATH or JJAVA_CLASSPATH (globs allowed), installs the
     * notebook extensions of the JVM's class path, then runs the scripts named by
     * IJAVA_STARTUP_SCRIPTS_PATH / JJAVA_STARTUP_SCRIPTS_PATH and the code in IJAVA_STARTUP_SCRIPT /
     * JJAVA_STARTUP_SCRIPT.
     */
    public NotebookSession(Path workingDir) {
        this(workingDir, KernelRenderer.standalone(), System.getenv());
    }

    /** A session that renders with the given renderers (a kernel's), adding the extensions' to them. */
    public NotebookSession(Path workingDir, KernelRenderer renderer) {
        this(workingDir, renderer, System.getenv());
    }

    /** A session configured by the given environment variables instead of the process's. */
    NotebookSession(Path workingDir, KernelRenderer renderer, Map<String, String> environment) {
        this.engine = new JShellEngine();
        this.interpreter = new CellInterpreter(engine, workingDir, new MavenResolver());
        this.renderer = renderer;
        addEnvironmentClassPath(workingDir, environment);
        this.extensionImports = Extensions.install(Extensions.find(NotebookSession.class.getClassLoader()), renderer,
                target -> {
                    try {
                        engine.eval("import " + target + ";");
                    } catch (CellFailure e) {
                        throw new IllegalArgumentException(String.join(" ", e.traceback()), e);
                    }
                });
        DisplaySession.useRenderer(renderer);
        runStartupScripts(workingDir, environment);
    }

    private void addEnvironmentClassPath(Path workingDir, Map<String, String> environment) {
        for (String variable : List.of("DL10_CLASSPATH", "IJAVA_CLASSPATH", "JJAVA_CLASSPATH")) {
            String value = environment.get(variable);
            if (value != null && !value.isBlank()) {
                try {
                    engine.addToClasspath(ClassPaths.expand(value, workingDir));
                } catch (IOException e) {
                    LOG.log(Level.WARNING, variable + " is ignored: " + e.getMessage());
                }
            }
        }
    }

    private void runStartupScripts(Path workingDir, Map<String, String> environment) {
        for (String variable : List.of("IJAVA_STARTUP_SCRIPTS_PATH", "JJAVA_STARTUP_SCRIPTS_PATH")) {
            String value = environment.get(variable);
            if (value == null || value.isBlank()) {
                continue;
            }
            try {
                for (String script : ClassPaths.expand(value, workingDir)) {
                    interpreter.run(Files.readString(Path.of(script), StandardCharsets.UTF_8));
                }
            } catch (IOException | CellFailure e) {
                LOG.log(Level.WARNING, "Startup script from " + variable + " failed: " + e.getMessage());
            }
        }
        for (String variable : List.of("IJAVA_STARTUP_SCRIPT", "JJAVA_STARTUP_SCRIPT")) {
            String code = environment.get(variable);
            if (code != null && !code.isBlank()) {
                try {
                    interpreter.run(code);
                } catch (CellFailure e) {
                    LOG.log(Level.WARNING, "The code in " + variable + " failed: " + e.getMessage());
                }
            }
        }
    }

    /**
     * Runs a cell. Output goes to the sink while it runs; the result is the rendered value of the final
     * expression, or null if the cell ends in a statement or declaration.
     */
    public DisplayData execute(String code, int executionCount, OutputSink sink) throws CellFailure {
        return execute(code, executionCount, sink, null, CapturedStreams.NO_INPUT, System.nanoTime());
    }

    /**
     * Runs a cell as {@link #execute(String, int, OutputSink)} does, reading {@code System.in} lines from
     * input (or, if input is null, failing such reads with noInputReason). requestedAtNanos is when the
     * cell was asked for ({@link System#nanoTime()}): an interrupt that came since stops this cell even if
     * it came before the cell could start.
     */
    public DisplayData execute(String code, int executionCount, OutputSink sink, KernelStdin.LineSource input,
                               String noInputReason, long requestedAtNanos) throws CellFailure {
        engine.beginCell("cell [" + executionCount + "]", requestedAtNanos);
        DisplaySession.useRenderer(renderer);
        long interval = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(CapturedStreams.DEFAULT_INTERVAL_MILLIS);
        try (CapturedStreams captured = CapturedStreams.capture(sink, input, noInputReason,
                () -> engine.snippetRunningFor(interval))) {
            // text printed before a display or clear_output goes out before it
            DisplaySession.attach(sink, captured::sendPrinted);
            JShellEngine.Result result = interpreter.run(code);
            if (!result.hasValue() || result.value() instanceof PrintStream) {
                // a cell ending in System.out.printf(...) prints its text; the stream itself is no result
                return null;
            }
            return renderer.render(result.value());
        } finally {
            DisplaySession.attach(null);
        }
    }

    /**
     * Evaluates an expression without a trace in the session (an execute request's user_expressions)
     * and returns its rendered value with the session's renderers, or empty display data if it has none.
     */
    public DisplayData evaluate(String expression) throws CellFailure {
        JShellEngine.Result result = engine.evaluateDetached(expression);
        return result.hasValue() ? renderer.render(result.value()) : new DisplayData();
    }

    /** Stops the running cell (interrupt, then Thread.stop after a grace period). */
    public void interrupt() {
        engine.interrupt();
    }

    /** The session's renderers (the base library's registry plus the extensions'). */
    public KernelRenderer renderer() {
        return renderer;
    }

    /** The imports the notebook extensions added, as written between {@code import} and {@code ;}. */
    public List<String> extensionImports() {
        return extensionImports;
    }

    /**
     * Stops the cell for an interrupt requested at requestedAtNanos ({@link System#nanoTime()}): the running
     * cell, or the cell asked for before that moment that has not started yet; never a later cell.
     */
    public void interrupt(long requestedAtNanos) {
        engine.interrupt(requestedAtNanos);
    }

    /** The engine (completion, inspection, class path). */
    public JShellEngine engine() {
        return engine;
    }

    /** Completeness of a cell for the front end: "complete", "incomplete" or "invalid". */
    public String isComplete(String code) {
        StringBuilder java = new StringBuilder();
        for (String line : code.split("\n", -1)) {
            if (!CellInterpreter.isMagicLine(line)) {
                java.append(line).append('\n');
            }
        }
        return engine.isComplete(java.toString());
    }

    @Override
    public void close() {
        engine.close();
    }
}
