package dl10.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dl10.kernel.jupyter.KernelSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The peer benchmark (bench/compare.py, Python, which cannot read the kernel's classes) must run the
 * Java side with the options a lesson's JVM gets, {@link KernelSpec#DEFAULT_JVM_OPTIONS}: a copy that
 * drifted would compare DJL under other JIT or GC settings than the lessons use.
 */
class PeerBenchmarkOptionsTest {

    @Test
    void compareUsesTheNotebookJvmsOptions() throws IOException {
        String script = Files.readString(CourseCheckout.root().resolve("bench/compare.py"));
        Matcher assignment = Pattern.compile("(?m)^DEFAULT_JAVA_OPTS = \\(((?:\\s*\"[^\"]*\")+)\\s*\\)").matcher(script);
        assertTrue(assignment.find(), "bench/compare.py has no DEFAULT_JAVA_OPTS = (\"...\" \"...\") assignment");
        StringBuilder joined = new StringBuilder();
        Matcher literal = Pattern.compile("\"([^\"]*)\"").matcher(assignment.group(1));
        while (literal.find()) {
            joined.append(literal.group(1));
        }
        assertEquals(KernelSpec.DEFAULT_JVM_OPTIONS, List.of(joined.toString().strip().split("\\s+")),
                "bench/compare.py's DEFAULT_JAVA_OPTS differ from KernelSpec.DEFAULT_JVM_OPTIONS; copy the kernel's");
    }
}
