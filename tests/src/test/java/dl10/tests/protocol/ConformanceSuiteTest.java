package dl10.tests.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dl10.tests.CourseCheckout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the public Jupyter kernel conformance suite, {@code jupyter_kernel_test} (pinned in
 * environment/requirements.txt), with the project's Python environment against the course kernel's
 * kernelspec installed into a private JUPYTER_PATH as environment/start.sh installs it (with the course
 * class path). The samples are in src/test/python/kernel_conformance.py.
 * The build fails if any conformance test fails, or is skipped for a reason not listed in
 * {@link #NOT_OFFERED}.
 */
class ConformanceSuiteTest {
    /** Tests of the suite the course kernel does not offer the feature for, with the reason. */
    static final Map<String, String> NOT_OFFERED = Map.of(
            "test_pager", "the kernel has no pager: documentation comes from inspect_request (Shift+Tab)");

    private static final String SET_UP = "python3 -m venv .venv && .venv/bin/pip install -r environment/requirements.txt";
    private static final Pattern RESULT = Pattern.compile("^(test_\\w+) \\(.*?\\) \\.\\.\\. (ok|FAIL|ERROR|skipped.*)$",
            Pattern.MULTILINE);

    /**
     * The Python of the project's virtual environment: the system property {@code dl10.python} or the
     * variable {@code DL10_PYTHON} if set, else {@code .venv} or {@code environment/.venv} of the checkout.
     */
    static Optional<Path> projectPython() {
        String configured = System.getProperty("dl10.python", System.getenv("DL10_PYTHON"));
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured));
        }
        Path root = CourseCheckout.root();
        return Stream.of(".venv", "environment/.venv", "environment/venv", "venv")
                .map(dir -> root.resolve(dir).resolve("bin/python"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    @Test
    void theKernelPassesJupyterKernelTest(@TempDir Path dir) throws Exception {
        Optional<Path> python = projectPython();
        assumeTrue(python.isPresent(), "the project's Python environment is not set up (no .venv in "
                + CourseCheckout.root() + "); set it up with: " + SET_UP);
        Process check = new ProcessBuilder(python.get().toString(), "-c", "import jupyter_kernel_test")
                .redirectErrorStream(true).start();
        String checkOutput = new String(check.getInputStream().readAllBytes());
        assertTrue(check.waitFor(60, TimeUnit.SECONDS) && check.exitValue() == 0, python.get()
                + " cannot import jupyter_kernel_test; install the pinned requirements with: " + SET_UP + "\n" + checkOutput);

        Path jupyterPath = dir.resolve("jupyter-path");
        Path spec = CourseCheckout.installKernelspec(jupyterPath, null);
        assertTrue(Files.readString(spec.resolve("kernel.json")).contains("-XX:SharedArchiveFile=" + spec.resolve("dl10-kernel.jsa"))
                && Files.size(spec.resolve("dl10-kernel.jsa")) > 0, "the installer made the kernel's start-up archive and the kernelspec uses it");

        Path suite = CourseCheckout.root().resolve("tests/src/test/python");
        ProcessBuilder builder = new ProcessBuilder(python.get().toString(), "-m", "unittest", "-v", "kernel_conformance")
                .directory(suite.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("JUPYTER_PATH", jupyterPath.toString());
        env.put("JUPYTER_RUNTIME_DIR", Files.createDirectories(dir.resolve("runtime")).toString());
        env.put("JUPYTER_DATA_DIR", Files.createDirectories(dir.resolve("data")).toString());
        env.put("JUPYTER_CONFIG_DIR", Files.createDirectories(dir.resolve("config")).toString());
        env.put("DL10_KERNEL_NAME", "dl10-java");
        env.put("PYTHONDONTWRITEBYTECODE", "1");
        Path log = dir.resolve("conformance.log");
        builder.redirectOutput(log.toFile());
        Process run = builder.start();
        boolean finished = run.waitFor(600, TimeUnit.SECONDS);
        if (!finished) {
            run.descendants().forEach(ProcessHandle::destroyForcibly);
            run.destroyForcibly();
        }
        String output = Files.readString(log);
        System.out.println("jupyter_kernel_test against the course kernel:\n" + output);
        assertTrue(finished, "the conformance suite did not finish in 10 minutes:\n" + output);

        List<String> unexpected = new ArrayList<>();
        Set<String> ran = new TreeSet<>();
        Matcher m = RESULT.matcher(output);
        while (m.find()) {
            ran.add(m.group(1));
            if (m.group(2).startsWith("skipped") && !NOT_OFFERED.containsKey(m.group(1))) {
                unexpected.add(m.group(1) + " was skipped: " + m.group(2));
            }
        }
        assertEquals(0, run.exitValue(), "conformance tests failed:\n" + output);
        assertTrue(unexpected.isEmpty(), "tests skipped without a listed reason: " + unexpected + "\n" + output);
        for (String test : List.of("test_kernel_info", "test_execute_stdout", "test_execute_stderr", "test_completion",
                "test_is_complete", "test_error", "test_execute_result", "test_display_data", "test_history",
                "test_inspect", "test_clear_output")) {
            assertTrue(ran.contains(test), test + " did not run:\n" + output);
        }
    }
}
