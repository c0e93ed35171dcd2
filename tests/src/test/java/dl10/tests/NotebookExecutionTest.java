package dl10.tests;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dl10.runner.Metric;
import dl10.runner.NotebookResult;
import dl10.runner.NotebookRunner;
import dl10.runner.RunReport;
import dl10.runner.RunnerOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Re-executes every lesson notebook headless through the runner, each in a fresh JVM, and fails
 * with the runner's message (notebook, cell, line, error) when a cell fails. A lesson passes only if
 * it also proved its result: it recorded at least one metric checked against a threshold, and every
 * such check held. The runner's JSON report of the whole suite is written to
 * tests/target/notebook-report.json.
 */
class NotebookExecutionTest {
    private static final Path OUTPUT = CourseCheckout.root().resolve("tests/target/executed-notebooks");
    private static final List<NotebookResult> RESULTS = Collections.synchronizedList(new ArrayList<>());

    static List<Path> notebooks() {
        return CourseCheckout.notebooks();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notebooks")
    void lessonRunsHeadlessAndProvesItsResult(Path notebook) {
        NotebookRunner runner = new NotebookRunner(RunnerOptions.defaults().withOutputDir(OUTPUT));
        NotebookResult result = runner.run(notebook);
        RESULTS.add(result);
        assertTrue(result.passed(), result::failureMessage);

        List<String> violations = NotebookSchema.violations(result.outputNotebook());
        assertTrue(violations.isEmpty(), () -> "executed notebook is not valid nbformat:\n"
                + String.join("\n", violations));

        List<Metric> checks = result.checks();
        assertFalse(checks.isEmpty(), notebook + " recorded no metric checked against a threshold");
        for (Metric check : checks) {
            assertTrue(check.held(), notebook + ": threshold not met: " + check);
        }
    }

    @AfterAll
    static void writeReport() throws IOException {
        RunReport.of(List.copyOf(RESULTS)).write(CourseCheckout.root().resolve("tests/target/notebook-report.json"));
    }
}
