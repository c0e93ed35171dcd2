package dl10.tests.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import dl10.tests.CourseCheckout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class-data sharing archive that {@code install} makes is one the kernel's JVM really maps: the
 * kernelspec is installed as environment/start.sh installs it (with the course class path), and its own
 * command line, up to the main class, runs a session's first cells ({@code StartupArchive}'s training run)
 * with {@code -Xshare:on}, under which a JVM refuses to start on an archive it cannot use, and with the
 * class-loading log, which must show the kernel's, JShell's and the course library's classes coming from
 * the archive.
 */
class StartupArchiveTest {
    @Test
    void theKernelspecsJvmMapsTheArchiveTheCourseLibraryIncluded(@TempDir Path dir) throws Exception {
        Path jupyterPath = dir.resolve("jupyter-path");
        Path spec = CourseCheckout.installKernelspec(jupyterPath, null);
        List<String> argv = JsonParser.parseString(Files.readString(spec.resolve("kernel.json"))).getAsJsonObject()
                .getAsJsonArray("argv").asList().stream().map(e -> e.getAsString()).toList();
        String archiveOption = "-XX:SharedArchiveFile=" + spec.resolve("dl10-kernel.jsa");
        assertTrue(argv.contains(archiveOption) && Files.size(spec.resolve("dl10-kernel.jsa")) > 0,
                "the installer made the start-up archive and kernel.json uses it: " + argv);
        int main = argv.indexOf("dl10.kernel.Main");
        assertTrue(main > 0 && argv.get(main - 1).contains(CourseCheckout.courseClassPath()), "kernel.json carries the course class path: " + argv);

        Path log = dir.resolve("class-load.log");
        List<String> command = new ArrayList<>(argv.subList(0, main));
        command.add(1, "-Xshare:on");
        command.add(2, "-Xlog:class+load=info:file=" + log);
        command.add("dl10.kernel.jupyter.StartupArchive");
        Process run = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(run.getInputStream().readAllBytes());
        assertTrue(run.waitFor(400, TimeUnit.SECONDS), "the first cells did not finish:\n" + output);
        assertEquals(0, run.exitValue(), "the kernelspec's JVM could not use its archive (-Xshare:on):\n" + output);

        String loaded = Files.readString(log);
        for (String type : List.of("dl10.kernel.session.NotebookSession", "jdk.jshell.JShell", "dl10.lib.notebook.CourseExtension")) {
            assertTrue(Pattern.compile("\\] " + Pattern.quote(type) + " source: shared objects file").matcher(loaded).find(),
                    type + " was not mapped from the start-up archive:\n"
                            + loaded.lines().filter(l -> l.contains(type + " ")).findFirst().orElse("(not loaded)"));
        }
    }
}
