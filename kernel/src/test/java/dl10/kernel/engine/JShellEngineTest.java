package dl10.kernel.engine;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JShellEngineTest extends EngineTestBase {

    @Test
    void evaluatesExpressionsStatementsMethodsAndClassesAcrossCells() throws Exception {
        assertEquals(JShellEngine.Result.NONE, engine.eval("int base = 40;"));
        engine.eval("int twice(int x) { return 2 * x; }");
        engine.eval("record Point(int x, int y) { int sum() { return x + y; } }");
        JShellEngine.Result result = engine.eval("var p = new Point(1, base);\np.sum() + twice(0)");
        assertTrue(result.hasValue());
        assertEquals(41, result.value());
        assertEquals(List.of(1, 2), engine.eval("List.of(1, 2)").value(), "java.util is imported by default");
    }

    @Test
    void statementsAndVoidCallsHaveNoValue() throws Exception {
        assertFalse(engine.eval("System.getProperty(\"java.version\").length();\nint unused = 1;").hasValue());
        assertFalse(engine.eval("Runnable r = () -> {};\nr.run();").hasValue());
    }

    @Test
    void resultsAreRealObjectsSharingTheKernelsClasses() throws Exception {
        Object value = engine.eval("new java.awt.image.BufferedImage(2, 3, java.awt.image.BufferedImage.TYPE_INT_RGB)").value();
        assertTrue(value instanceof java.awt.image.BufferedImage);
        Object display = engine.eval("dl10.kernel.runtime.Display.class").value();
        assertEquals(dl10.kernel.runtime.Display.class, display, "snippets must see the kernel's copy of the runtime classes");
    }

    @Test
    void nullExpressionHasValueNull() throws Exception {
        JShellEngine.Result result = engine.eval("(String) null");
        assertTrue(result.hasValue());
        assertNull(result.value());
    }

    @Test
    void compileErrorNamesMessageLineAndMarksSpan() {
        engine.setCellLabel("cell [7]");
        CellFailure failure = assertThrows(CellFailure.class, () -> engine.eval("int a = 1;\nString s = a + undefinedName;\n"));
        assertEquals("CompilationException", failure.ename());
        assertEquals(2, failure.line());
        assertTrue(failure.evalue().contains("cannot find symbol"), failure.evalue());
        List<String> lines = failure.traceback();
        assertTrue(lines.get(0).startsWith("Compile error on line 2 of cell [7]: cannot find symbol"), lines.get(0));
        assertEquals("    String s = a + undefinedName;", lines.get(1));
        assertEquals("    " + " ".repeat("String s = a + ".length()) + "^".repeat("undefinedName".length()), lines.get(2));
    }

    @Test
    void compileErrorLeavesOutTheHiddenWrapperClassButKeepsARealLocation() {
        engine.setCellLabel("cell [2]");
        CellFailure missing = assertThrows(CellFailure.class, () -> engine.eval("int a = 1;\nfoo(a);"));
        String text = String.join("\n", missing.traceback());
        assertTrue(text.contains("symbol:   method foo(int)"), text);
        assertFalse(text.contains("location"), "javac names JShell's hidden wrapper class with an empty name:\n" + text);

        CellFailure typo = assertThrows(CellFailure.class, () -> engine.eval("String s = \"x\";\ns.lenght();"));
        String typoText = String.join("\n", typo.traceback());
        assertTrue(typoText.contains("location: variable s of type java.lang.String"), typoText);
    }

    @Test
    void compileErrorLineCountsFromCellStartWithOffset() {
        CellFailure failure = assertThrows(CellFailure.class, () -> engine.eval("\n\nint k = \"text\";", 3));
        assertEquals(6, failure.line());
        assertTrue(failure.evalue().startsWith("incompatible types"), failure.evalue());
    }

    @Test
    void runtimeExceptionShowsOnlyUserFramesAndCauses() {
        engine.setCellLabel("cell [3]");
        CellFailure failure = assertThrows(CellFailure.class, () -> engine.eval(String.join("\n",
                "void explode(int depth) {",
                "    if (depth == 0) throw new IllegalStateException(\"boom\", new ArithmeticException(\"inner\"));",
                "    explode(depth - 1);",
                "}",
                "explode(1);")));
        assertEquals("java.lang.IllegalStateException", failure.ename());
        assertEquals("boom", failure.evalue());
        assertEquals(2, failure.line());
        List<String> lines = failure.traceback();
        assertEquals("java.lang.IllegalStateException: boom", lines.get(0));
        assertTrue(lines.contains("\tat explode (cell [3], line 2)"), lines.toString());
        assertTrue(lines.contains("\tat cell code (cell [3], line 5)"), lines.toString());
        assertTrue(lines.contains("Caused by: java.lang.ArithmeticException: inner"), lines.toString());
        for (String line : lines) {
            assertFalse(line.contains("jdk.jshell") || line.contains("dl10.kernel") || line.contains("java.lang.reflect")
                    || line.contains("REPL.$JShell"), line);
        }
    }

    @Test
    void exceptionMessagesDoNotShowGeneratedClassNames() {
        CellFailure failure = assertThrows(CellFailure.class, () -> engine.eval("String nothing = null;\nnothing.length()"));
        assertEquals("java.lang.NullPointerException", failure.ename());
        assertFalse(failure.evalue().contains("$JShell"), failure.evalue());
        assertEquals(2, failure.line());
    }

    @Test
    void callingAMethodWithAnUndefinedDependencySaysWhatIsMissing() throws Exception {
        engine.eval("double scaled(double x) { return x * notYetDefinedFactor; }");
        CellFailure failure = assertThrows(CellFailure.class, () -> engine.eval("scaled(2.0)"));
        assertEquals("UnresolvedReferenceException", failure.ename());
        assertEquals("'scaled' uses variable notYetDefinedFactor, which is not defined yet: define it (run the cell that declares it) and try again",
                failure.evalue());
        engine.eval("double notYetDefinedFactor = 1.5;");
        assertEquals(3.0, engine.eval("scaled(2.0)").value());
    }

    @Test
    void completionSuggestsMembers() {
        int[] anchor = new int[1];
        List<String> options = engine.complete("Math.ma", 7, anchor);
        assertTrue(options.contains("max("), options.toString());
        assertEquals(5, anchor[0]);
    }

    @Test
    void inspectShowsSignatures() {
        String text = engine.inspect("Math.max(1, 2)", 7);
        assertTrue(text.contains("int Math.max(int a, int b)"), text);
        assertTrue(engine.inspect("Math.max(1, 2)", 9).contains("double Math.max(double a, double b)"));
        assertTrue(engine.inspect("Math.max", 8).contains("long Math.max(long a, long b)"), "a method name without (");
        assertEquals("", engine.inspect("   ", 1));
    }

    @Test
    void inspectShowsTheTypeOfAVariable() throws Exception {
        engine.eval("var inspected = new StringBuilder();");
        assertEquals("inspected : StringBuilder", engine.inspect("inspected", 3));
    }

    @Test
    void isCompleteClassifiesCode() {
        assertEquals("complete", engine.isComplete("int x = 1;\nx + 1"));
        assertEquals("incomplete", engine.isComplete("for (int i = 0; i < 3; i++) {"));
        assertEquals("incomplete", engine.isComplete("int y = "));
        assertEquals("invalid", engine.isComplete("int z = 1; )"));
    }

    @Test
    void interruptStopsATightLoopAndTheEngineKeepsWorking() throws Exception {
        assertInterrupted("while (true) {}");
        assertEquals(3, engine.eval("1 + 2").value());
    }

    @Test
    void interruptStopsASleepingCell() throws Exception {
        long start = System.nanoTime();
        assertInterrupted("Thread.sleep(60_000);");
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(30));
        assertEquals("ok", engine.eval("\"ok\"").value());
    }

    @Test
    void interruptDuringCompilationStopsTheCellBeforeItsNextSnippetRuns() throws Exception {
        engine.beginCell("cell [9]");
        engine.interrupt();
        CellFailure failure = assertThrows(CellFailure.class, () -> engine.eval("int first = 1;\nwhile (true) {}", 0));
        assertEquals("Interrupted", failure.ename());
        engine.beginCell("cell [10]");
        assertEquals(2, engine.eval("1 + 1", 0).value(), "a new cell forgets the interrupt");
    }

    @Test
    void anInterruptSentAfterTheCellWasAskedForStopsItEvenBeforeItBegins() {
        long requested = System.nanoTime();
        engine.interrupt(System.nanoTime()); // arrives while the session is still starting
        engine.beginCell("cell [11]", requested);
        CellFailure failure = assertThrows(CellFailure.class, () -> engine.eval("while (true) {}", 0));
        assertEquals("Interrupted", failure.ename());
    }

    @Test
    void anInterruptMeantForAnEarlierCellNeverStopsALaterOne() throws Exception {
        long earlier = System.nanoTime();
        long requested = System.nanoTime();
        engine.beginCell("cell [12]", requested);
        engine.interrupt(earlier); // delivered late, e.g. once the session had started
        assertEquals(2, engine.eval("1 + 1", 0).value());
    }

    private void assertInterrupted(String code) throws Exception {
        CompletableFuture<CellFailure> outcome = CompletableFuture.supplyAsync(() -> {
            try {
                engine.eval(code);
                return null;
            } catch (CellFailure failure) {
                return failure;
            }
        });
        Thread.sleep(700);
        engine.interrupt();
        CellFailure failure = outcome.get(30, TimeUnit.SECONDS);
        assertEquals("Interrupted", failure == null ? "no failure" : failure.ename());
        assertTrue(failure.evalue().contains("interrupted"), failure.evalue());
    }
}
