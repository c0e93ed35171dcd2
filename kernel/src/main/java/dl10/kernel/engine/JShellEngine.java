package dl10.kernel.engine;

import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Evaluates Java code with JShell in this JVM: splits a cell into snippets, runs them, returns the value
 * of a final expression, and turns compile errors and exceptions into {@link CellFailure}s that point at
 * the line of the cell. Also answers completion, inspection and completeness questions.
 */
public final class JShellEngine implements AutoCloseable {
    /** Imports every session starts with (as IJava), plus the display functions. */
    public static final List<String> DEFAULT_IMPORTS = List.of(
            "java.util.*", "java.io.*", "java.math.*", "java.net.*", "java.nio.file.*",
            "java.util.concurrent.*", "java.util.function.*", "java.util.prefs.*", "java.util.regex.*",
            "java.util.stream.*");
    /** The static import that brings display/updateDisplay/render into scope. */
    public static final String DISPLAY_IMPORT = "import static dl10.kernel.runtime.Display.*;";

    private final CellExecutionControl control;
    private final JShell shell;
    private final Map<String, SnippetOrigin> origins = new ConcurrentHashMap<>();
    private final List<String> addedClassPath = new ArrayList<>();
    private volatile String cellLabel = "cell";

    /** Where a snippet came from: the label of its cell and the cell line its first line is on. */
    record SnippetOrigin(String cellLabel, int firstLine) {
    }

    /** The result of evaluating code: whether the last snippet was an expression, and its value. */
    public record Result(boolean hasValue, Object value) {
        /** The result of code that ends in a statement or declaration. */
        public static final Result NONE = new Result(false, null);
    }

    /** An engine on the JVM's class path with the default imports and a 1.5 s grace period before stop(). */
    public JShellEngine() {
        this(1500);
    }

    /** An engine whose interrupt falls back to Thread.stop after stopGraceMillis. */
    public JShellEngine(long stopGraceMillis) {
        this.control = new CellExecutionControl(stopGraceMillis);
        ExecutionControlProvider provider = new ExecutionControlProvider() {
            @Override
            public String name() {
                return "dl10-direct";
            }

            @Override
            public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
                return control;
            }
        };
        this.shell = JShell.builder()
                .executionEngine(provider, Map.of())
                .compilerOptions("-Xlint:none", "-proc:none")
                .build();
        shell.addToClasspath(String.join(File.pathSeparator, ClassPaths.jvmClassPath()));
        try {
            StringBuilder imports = new StringBuilder();
            for (String name : DEFAULT_IMPORTS) {
                imports.append("import ").append(name).append(";\n");
            }
            imports.append(DISPLAY_IMPORT);
            eval(imports.toString());
        } catch (CellFailure e) {
            throw new IllegalStateException("The default imports do not compile: " + String.join("\n", e.traceback()), e);
        }
    }

    /** Sets the label used for this cell's lines in tracebacks, e.g. "cell [3]". */
    public void setCellLabel(String label) {
        this.cellLabel = label;
    }

    /** Starts a new cell: sets its label and forgets interrupts aimed at earlier cells. */
    public void beginCell(String label) {
        this.cellLabel = label;
        control.resetInterrupt();
    }

    /**
     * Starts a new cell that was asked for at requestedAtNanos ({@link System#nanoTime()}): sets its label
     * and forgets interrupts that came before, but keeps one that came since, so an interrupt sent while
     * the session was still starting stops this cell.
     */
    public void beginCell(String label, long requestedAtNanos) {
        this.cellLabel = label;
        control.resetInterrupt(requestedAtNanos);
    }

    /** Adds jars or class folders (absolute paths) to both the compiler and the class loader. */
    public void addToClasspath(List<String> paths) {
        for (String path : paths) {
            if (!addedClassPath.contains(path)) {
                shell.addToClasspath(path);
                addedClassPath.add(path);
            }
        }
    }

    /** The entries added with {@link #addToClasspath(List)}. */
    public List<String> addedClassPath() {
        return List.copyOf(addedClassPath);
    }

    /** Evaluates a whole cell (forgetting earlier interrupts) whose first line is line 1. */
    public Result eval(String code) throws CellFailure {
        control.resetInterrupt();
        return eval(code, 0);
    }

    /**
     * Evaluates every snippet of the code in order and returns the value of the last one if it is an
     * expression. lineOffset is the number of cell lines before the code (when magics split a cell).
     */
    public Result eval(String code, int lineOffset) throws CellFailure {
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        Result last = Result.NONE;
        String remaining = code;
        int consumed = 0;
        while (!remaining.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            String source;
            String rest;
            if (info.completeness().isComplete()) {
                source = info.source();
                rest = info.remaining();
            } else {
                source = remaining;
                rest = "";
            }
            String taken = remaining.substring(0, remaining.length() - rest.length());
            int leading = taken.length() - taken.stripLeading().length();
            int snippetStart = consumed + leading;
            last = evalSnippet(source, code, consumed, snippetStart, lineOffset);
            consumed += taken.length();
            remaining = rest;
        }
        return last;
    }

    /**
     * Evaluates one snippet. sourceStart is where the source given to JShell begins in the cell (diagnostic
     * positions count from there); snippetStart is its first non-blank character (stack trace lines count
     * from that line).
     */
    private Result evalSnippet(String source, String cell, int sourceStart, int snippetStart, int lineOffset) throws CellFailure {
        int firstLine = lineOffset + lineOf(cell, snippetStart);
        if (control.wasInterrupted()) {
            throw interrupted(firstLine);
        }
        List<SnippetEvent> events = shell.eval(source);
        Result result = Result.NONE;
        for (SnippetEvent event : events) {
            if (event.causeSnippet() != null) {
                continue;
            }
            Snippet snippet = event.snippet();
            origins.put(snippet.id(), new SnippetOrigin(cellLabel, firstLine));
            if (event.status() == Snippet.Status.REJECTED) {
                throw compileFailure(snippet, cell, sourceStart, lineOffset);
            }
            if (control.wasInterrupted()) {
                throw interrupted(firstLine);
            }
            JShellException exception = event.exception();
            if (exception != null) {
                throw runtimeFailure(exception, firstLine);
            }
            if (isExpression(snippet)) {
                Object value = control.takeResult(event.value());
                result = new Result(true, value);
            } else {
                control.takeResult(event.value());
            }
        }
        return result;
    }

    private static boolean isExpression(Snippet snippet) {
        return snippet.kind() == Snippet.Kind.EXPRESSION
                || (snippet instanceof VarSnippet && snippet.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND);
    }

    private CellFailure compileFailure(Snippet snippet, String cell, int snippetStart, int lineOffset) {
        List<Diag> errors = shell.diagnostics(snippet).filter(Diag::isError).collect(Collectors.toList());
        List<String> lines = new ArrayList<>();
        String first = "the snippet does not compile";
        int firstLine = lineOffset + lineOf(cell, snippetStart);
        for (int i = 0; i < errors.size(); i++) {
            Diag diag = errors.get(i);
            String message = withoutWrapperLocation(diag.getMessage(Locale.ENGLISH));
            int start = clamp(snippetStart + (int) Math.max(0, diag.getStartPosition()), cell);
            int end = clamp(snippetStart + (int) Math.max(diag.getStartPosition() + 1, diag.getEndPosition()), cell);
            int lineInCell = lineOf(cell, start);
            if (i == 0) {
                first = message.lines().findFirst().orElse(message);
                firstLine = lineOffset + lineInCell;
            }
            lines.add("Compile error on line " + (lineOffset + lineInCell) + " of " + cellLabel + ": " + message);
            lines.addAll(markedSource(cell, start, end));
        }
        if (errors.isEmpty()) {
            lines.add("Compile error on line " + firstLine + " of " + cellLabel + ": " + first);
        }
        return new CellFailure("CompilationException", first + " (line " + firstLine + ")", lines, firstLine);
    }

    /**
     * The compiler's message without a "location: class" line naming no class: JShell compiles top-level
     * code inside a wrapper class it hides, so javac's location for a symbol missing there is that class
     * with its name left out, which tells the student nothing (the jshell tool drops it as well). A
     * location naming something ("location: variable s of type java.lang.String") stays.
     */
    static String withoutWrapperLocation(String message) {
        return message.lines()
                .filter(line -> !line.strip().equals("location: class"))
                .collect(Collectors.joining("\n"));
    }

    /** The source line holding start, and a line of ^ under the span [start, end) on that line. */
    static List<String> markedSource(String cell, int start, int end) {
        int lineStart = cell.lastIndexOf('\n', Math.max(0, start - 1)) + 1;
        if (start == 0) {
            lineStart = 0;
        }
        int lineEnd = cell.indexOf('\n', start);
        if (lineEnd < 0) {
            lineEnd = cell.length();
        }
        String line = cell.substring(lineStart, lineEnd);
        int from = start - lineStart;
        int to = Math.max(from + 1, Math.min(end, lineEnd) - lineStart);
        StringBuilder marker = new StringBuilder();
        for (int i = 0; i < from; i++) {
            marker.append(i < line.length() && line.charAt(i) == '\t' ? '\t' : ' ');
        }
        marker.append("^".repeat(to - from));
        return List.of("    " + line, "    " + marker);
    }

    private static int clamp(int position, String cell) {
        return Math.max(0, Math.min(position, cell.length()));
    }

    /** 1-based line number of a character position. */
    static int lineOf(String text, int position) {
        int line = 1;
        for (int i = 0; i < position && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private CellFailure interrupted(int line) {
        return new CellFailure("Interrupted", "the cell was interrupted",
                List.of("Interrupted: the cell was stopped on request (line " + line + " of " + cellLabel + ")."
                        + " Variables defined before the interrupt keep their values."), line);
    }

    private CellFailure runtimeFailure(JShellException exception, int snippetLine) {
        List<String> lines = new ArrayList<>();
        String ename;
        String evalue;
        int line = snippetLine;
        if (exception instanceof UnresolvedReferenceException unresolved) {
            Snippet snippet = unresolved.getSnippet();
            String missing = shell.unresolvedDependencies((jdk.jshell.DeclarationSnippet) snippet)
                    .collect(Collectors.joining(", "));
            ename = "UnresolvedReferenceException";
            evalue = "'" + ((jdk.jshell.DeclarationSnippet) snippet).name() + "' uses " + missing
                    + ", which is not defined yet: define it (run the cell that declares it) and try again";
            lines.add(ename + ": " + evalue);
            return new CellFailure(ename, evalue, lines, line);
        }
        Throwable current = exception;
        boolean top = true;
        while (current != null) {
            String className = current instanceof EvalException eval ? eval.getExceptionClassName() : current.getClass().getName();
            String message = cleanMessage(current.getMessage());
            String heading = className + (message == null ? "" : ": " + message);
            lines.add(top ? heading : "Caused by: " + heading);
            for (StackTraceElement frame : current.getStackTrace()) {
                String formatted = userFrame(frame);
                if (formatted != null) {
                    lines.add("\tat " + formatted);
                    if (top && line == snippetLine) {
                        line = frameLine(frame, snippetLine);
                    }
                }
            }
            top = false;
            current = current.getCause();
        }
        ename = exception instanceof EvalException eval ? eval.getExceptionClassName() : exception.getClass().getName();
        evalue = exception.getMessage() == null ? "" : cleanMessage(exception.getMessage());
        return new CellFailure(ename, evalue, lines, line);
    }

    /** Removes JShell's generated class names (e.g. {@code REPL.$JShell$22.}) from a message. */
    static String cleanMessage(String message) {
        return message == null ? null : message.replaceAll("REPL\\.\\$JShell\\$\\d+[A-Z]?\\.", "");
    }

    private int frameLine(StackTraceElement frame, int fallback) {
        SnippetOrigin origin = originOf(frame);
        if (origin == null || !origin.cellLabel().equals(cellLabel) || frame.getLineNumber() <= 0) {
            return fallback;
        }
        return origin.firstLine() + frame.getLineNumber() - 1;
    }

    private SnippetOrigin originOf(StackTraceElement frame) {
        String file = frame.getFileName();
        if (file == null || !file.startsWith("#")) {
            return null;
        }
        return origins.get(file.substring(1));
    }

    /** A frame of the user's snippets formatted with cell and line, or null for any other frame. */
    private String userFrame(StackTraceElement frame) {
        SnippetOrigin origin = originOf(frame);
        if (origin == null) {
            return null;
        }
        String method = frame.getMethodName();
        String where = method.isEmpty() || "do_it$".equals(method) || method.startsWith("lambda$do_it$") ? "cell code" : method;
        String owner = frame.getClassName() == null || frame.getClassName().isEmpty() ? "" : frame.getClassName() + ".";
        int line = frame.getLineNumber() > 0 ? origin.firstLine() + frame.getLineNumber() - 1 : origin.firstLine();
        return owner + where + " (" + origin.cellLabel() + ", line " + line + ")";
    }

    /**
     * Evaluates an expression for the front end (an execute request's user_expressions) and returns its
     * value, leaving no trace in the session: the snippets it created are dropped again.
     */
    public Result evaluateDetached(String expression) throws CellFailure {
        java.util.Set<String> before = shell.snippets().map(Snippet::id).collect(Collectors.toSet());
        try {
            return eval(expression, 0);
        } finally {
            shell.snippets().filter(s -> !before.contains(s.id())).toList().forEach(shell::drop);
        }
    }

    /** True if the code of a snippet has been running for at least the given time (not compiling). */
    public boolean snippetRunningFor(long nanos) {
        return control.snippetRunningFor(nanos);
    }

    /** Asks the running cell to stop (interrupt, then Thread.stop after the grace period). */
    public void interrupt() {
        control.interruptRunning();
    }

    /** Asks the cell to stop for an interrupt requested at requestedAtNanos ({@link System#nanoTime()}). */
    public void interrupt(long requestedAtNanos) {
        control.interruptRunning(requestedAtNanos);
    }

    /** Completion suggestions at the cursor; the anchor is written to anchorOut[0]. */
    public List<String> complete(String code, int cursor, int[] anchorOut) {
        List<SourceCodeAnalysis.Suggestion> suggestions = shell.sourceCodeAnalysis().completionSuggestions(code, cursor, anchorOut);
        List<String> names = new ArrayList<>();
        boolean anyMatching = suggestions.stream().anyMatch(SourceCodeAnalysis.Suggestion::matchesType);
        for (SourceCodeAnalysis.Suggestion suggestion : suggestions) {
            if ((!anyMatching || suggestion.matchesType()) && !names.contains(suggestion.continuation())) {
                names.add(suggestion.continuation());
            }
        }
        return names;
    }

    /** Signatures (and Javadoc if present) of what is at the cursor, or an empty string. */
    public String inspect(String code, int cursor) {
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        List<SourceCodeAnalysis.Documentation> docs = analysis.documentation(code, cursor, true);
        int end = cursor;
        while (end < code.length() && Character.isJavaIdentifierPart(code.charAt(end))) {
            end++;
        }
        if (docs.isEmpty() && end < code.length() && code.charAt(end) == '(') {
            docs = analysis.documentation(code, end + 1, true);
        } else if (docs.isEmpty() && end > 0) {
            // a method name without its parenthesis: ask as if the call were being typed
            docs = analysis.documentation(code.substring(0, end) + "(", end + 1, true);
        }
        if (docs.isEmpty()) {
            int start = Math.min(cursor, code.length());
            while (start > 0 && (Character.isJavaIdentifierPart(code.charAt(start - 1)) || code.charAt(start - 1) == '.')) {
                start--;
            }
            String expression = code.substring(start, end);
            if (!expression.isBlank()) {
                String type = analysis.analyzeType(expression, expression.length());
                return type == null ? "" : expression + " : " + type;
            }
        }
        StringBuilder out = new StringBuilder();
        for (SourceCodeAnalysis.Documentation doc : docs) {
            out.append(doc.signature()).append('\n');
            if (doc.javadoc() != null && !doc.javadoc().isBlank()) {
                out.append(doc.javadoc().strip()).append("\n\n");
            }
        }
        return out.toString().strip();
    }

    /** Jupyter's completeness answer: "complete", "incomplete" or "invalid". */
    public String isComplete(String code) {
        String remaining = code;
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        while (!remaining.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            switch (info.completeness()) {
                case COMPLETE, COMPLETE_WITH_SEMI, EMPTY -> remaining = info.remaining();
                case DEFINITELY_INCOMPLETE, CONSIDERED_INCOMPLETE -> {
                    return "incomplete";
                }
                default -> {
                    return "invalid";
                }
            }
        }
        return "complete";
    }

    /** The JShell instance (for variables and snippets listing). */
    public JShell shell() {
        return shell;
    }

    @Override
    public void close() {
        shell.close();
    }
}
