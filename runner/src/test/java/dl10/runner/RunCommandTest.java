package dl10.runner;

import static dl10.runner.NotebookRunnerTest.notebook;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The {@code run} command's options, through the command line as a user gives them. */
class RunCommandTest {
    /** A notebook that says it started, then waits (at most 120 s) until {@code other} has started too. */
    private static Path waitingFor(Path dir, String name, String other) throws IOException {
        return notebook(dir, name + ".ipynb",
                "java.nio.file.Files.createFile(java.nio.file.Path.of(\"" + name + ".started\"));",
                "long deadline = System.currentTimeMillis() + 120_000;\n"
                        + "while (!java.nio.file.Files.exists(java.nio.file.Path.of(\"" + other + ".started\"))) {\n"
                        + "    if (System.currentTimeMillis() > deadline) throw new IllegalStateException(\"" + other + " never started\");\n"
                        + "    Thread.sleep(50);\n"
                        + "}");
    }

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void withTwoJobsTwoNotebooksRunAtTheSameTimeAndTheReportKeepsTheirOrder(@TempDir Path dir) throws IOException {
        // Each notebook waits for the other to start, so both pass only if they ran at the same time.
        Path a = waitingFor(dir, "a", "b");
        Path b = waitingFor(dir, "b", "a");
        Path report = dir.resolve("report.json");
        Run run = run("run", a.toString(), b.toString(), "--jobs", "2", "--out", dir.resolve("out").toString(),
                "--report", report.toString(), "--timeout", "150");
        assertEquals(0, run.exitCode(), run.out() + run.err());
        List<RunReport.Entry> entries = RunReport.read(report).notebooks();
        assertEquals(List.of(a.toString(), b.toString()), entries.stream().map(RunReport.Entry::notebook).toList());
        assertTrue(entries.stream().allMatch(e -> e.status() == Status.PASSED), entries.toString());
        assertTrue(run.out().contains("PASSED " + a) && run.out().contains("PASSED " + b), run.out());
    }

    @Test
    void jobsBelowOneIsRefusedWithTheReason(@TempDir Path dir) throws IOException {
        Path nb = notebook(dir, "one.ipynb", "int x = 1;");
        Run run = run("run", nb.toString(), "--jobs", "0", "--report", dir.resolve("report.json").toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--jobs: at least 1 notebook at a time, got 0"), run.err());
    }

    @Test
    void failFastStartsNoNotebookAfterOneFailed(@TempDir Path dir) throws IOException {
        Path failing = notebook(dir, "fails.ipynb", "throw new IllegalStateException(\"broken on purpose\");");
        Path never = notebook(dir, "never.ipynb", "int x = 1;");
        Path report = dir.resolve("report.json");
        Run run = run("run", failing.toString(), never.toString(), "--fail-fast", "--out", dir.resolve("out").toString(),
                "--report", report.toString());
        assertEquals(1, run.exitCode(), run.out() + run.err());
        List<RunReport.Entry> entries = RunReport.read(report).notebooks();
        assertEquals(List.of(failing.toString()), entries.stream().map(RunReport.Entry::notebook).toList());
        assertTrue(run.out().contains("broken on purpose"), run.out());
        assertTrue(!run.out().contains("Running " + never), run.out());
    }
}
