package dl10.kernel.jupyter;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KernelInstallerTest {
    private static List<String> argv(Path installed) throws IOException {
        JsonObject spec = JsonParser.parseString(Files.readString(installed.resolve("kernel.json"))).getAsJsonObject();
        return spec.getAsJsonArray("argv").asList().stream().map(e -> e.getAsString()).toList();
    }

    @Test
    void kernelJsonStartsTheJarWithTheConnectionFile(@TempDir Path dir) throws IOException {
        Path jar = dir.resolve("dl10-kernel.jar");
        Path installed = KernelInstaller.install(dir.resolve("kernels").resolve("dl10-java"), "Java (deep-learning course)", jar, List.of());
        JsonObject spec = JsonParser.parseString(Files.readString(installed.resolve("kernel.json"))).getAsJsonObject();
        List<String> argv = argv(installed);
        assertTrue(argv.get(0).endsWith("/bin/java"), argv.get(0));
        assertEquals(List.of("-javaagent:" + jar.toAbsolutePath(), "-cp", jar.toAbsolutePath().toString(), "dl10.kernel.Main",
                "kernel", "{connection_file}"), argv.subList(argv.size() - 6, argv.size()));
        assertEquals("java", spec.get("language").getAsString());
        assertEquals("Java (deep-learning course)", spec.get("display_name").getAsString());
        assertEquals("message", spec.get("interrupt_mode").getAsString());
        assertEquals("cpu", spec.getAsJsonObject("env").get("PYTORCH_FLAVOR").getAsString());
    }

    @Test
    void theCourseClassPathFollowsTheKernelJarWithAbsolutePaths(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("lib/target/lib"));
        Files.writeString(dir.resolve("lib/target/dl10-lib.jar"), "");
        Files.writeString(dir.resolve("lib/target/lib/api.jar"), "");
        List<String> classPath = KernelInstaller.courseClassPath("lib/target/dl10-lib.jar" + File.pathSeparator + "lib/target/lib/*", dir);
        assertEquals(List.of(dir.resolve("lib/target/dl10-lib.jar").toString(), dir.resolve("lib/target/lib") + File.separator + "*"), classPath);
        Path jar = dir.resolve("kernel/target/dl10-kernel.jar");
        List<String> argv = argv(KernelInstaller.install(dir.resolve("kernels/k"), "K", jar, classPath));
        assertEquals(String.join(File.pathSeparator, jar.toString(), classPath.get(0), classPath.get(1)), argv.get(argv.indexOf("-cp") + 1));
    }

    @Test
    void aMissingOrEmptyClassPathEntryIsNamed(@TempDir Path dir) throws IOException {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> KernelInstaller.courseClassPath("lib/target/dl10-lib.jar", dir));
        assertEquals("--classpath: no such file or folder " + dir.resolve("lib/target/dl10-lib.jar")
                + " (from lib/target/dl10-lib.jar); build the course first (mvn -B package -DskipTests)", missing.getMessage());
        Files.createDirectories(dir.resolve("empty"));
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> KernelInstaller.courseClassPath("empty/*", dir));
        assertEquals("--classpath: no jar in " + dir.resolve("empty") + " (from empty/*)", empty.getMessage());
        IllegalArgumentException glob = assertThrows(IllegalArgumentException.class,
                () -> KernelInstaller.courseClassPath("lib/*.jar", dir));
        assertEquals("--classpath: only FOLDER/* may hold a wildcard, as with java -cp: lib/*.jar", glob.getMessage());
    }

    @Test
    void installOptionsAreChecked() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        assertEquals(2, KernelInstaller.run(List.of("--prefix"), out));
        assertEquals(2, KernelInstaller.run(List.of("--global"), out));
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("install: --prefix needs a value"), text);
        assertTrue(text.contains("install: unknown option --global"), text);
    }
}
