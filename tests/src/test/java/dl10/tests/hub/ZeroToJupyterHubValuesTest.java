package dl10.tests.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dl10.tests.CourseCheckout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Zero to JupyterHub values file (environment/jupyterhub/z2jh-values.yaml) passes the course's
 * checker, and the checker rejects the mistakes it exists for. No cluster exists here: this checks
 * the YAML, the chart keys and the course's own rules, not a deployment. (Validation against the
 * chart's full schema needs the chart's source: check-z2jh-values.py --chart DIR.)
 */
class ZeroToJupyterHubValuesTest {
    private final Path root = CourseCheckout.root();
    private final Path values = root.resolve("environment/jupyterhub/z2jh-values.yaml");

    @Test
    void theCoursesValuesFilePasses() throws Exception {
        Result check = check(values);
        assertEquals(0, check.exitCode(), check.output());
        assertTrue(check.output().contains("only keys of chart 4.4.0"), check.output());
    }

    @Test
    void aVolumeOverTheHomeFolderATypoAndAWrongTypeAreEachReported(@TempDir Path temp) throws Exception {
        String text = Files.readString(values);
        String broken = text.replace("homeMountPath: /home/jovyan/work", "homeMountPath: /home/jovyan")
                .replace("  startTimeout: 300", "  startTimout: 300")
                .replace("    limit: 1\n", "    limit: one\n");
        assertTrue(!broken.equals(text) && broken.contains("startTimout") && broken.contains("limit: one"),
                "the values file no longer has the lines this test breaks");
        Path file = temp.resolve("values.yaml");
        Files.writeString(file, broken);

        Result check = check(file);
        assertEquals(1, check.exitCode(), check.output());
        assertTrue(check.output().contains("4 problem(s)"), check.output());
        assertTrue(check.output().contains("homeMountPath is /home/jovyan: the student's volume would hide the course"), check.output());
        assertTrue(check.output().contains("singleuser.startTimout: not a key"), check.output());
        assertTrue(check.output().contains("singleuser.cpu.limit: 'one' is not of the type"), check.output());
    }

    @Test
    void anotherImageThanTheCoursesIsReported(@TempDir Path temp) throws Exception {
        Path file = temp.resolve("values.yaml");
        Files.writeString(file, Files.readString(values).replace("ghcr.io/dl10-course/ten-models-java", "quay.io/jupyterhub/k8s-singleuser-sample"));
        Result check = check(file);
        assertEquals(1, check.exitCode(), check.output());
        assertTrue(check.output().contains("is not the course's image"), check.output());
    }

    @Test
    void aFileThatIsNotYamlIsReported(@TempDir Path temp) throws Exception {
        Path file = temp.resolve("values.yaml");
        Files.writeString(file, "singleuser:\n  image: [unclosed\n");
        Result check = check(file);
        assertEquals(1, check.exitCode(), check.output());
        assertTrue(check.output().contains("not valid YAML"), check.output());
    }

    private record Result(int exitCode, String output) {
    }

    private Result check(Path file) throws IOException, InterruptedException {
        Path python = ClassHub.venv(root).resolve("bin/python");
        ClassHub.assumeInstalled(List.of(python));
        List<String> command = new ArrayList<>(List.of(python.toString(),
                root.resolve("environment/jupyterhub/check-z2jh-values.py").toString(), file.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the checker did not finish in 60 s");
        return new Result(process.exitValue(), output);
    }
}
