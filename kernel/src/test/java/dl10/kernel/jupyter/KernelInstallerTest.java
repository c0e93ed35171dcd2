package dl10.kernel.jupyter;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
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
        JsonObject env = spec.getAsJsonObject("env");
        assertEquals("cpu", env.get("PYTORCH_FLAVOR").getAsString());
        assertEquals(KernelSpec.ENVIRONMENT.keySet(), env.keySet());
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

    static String[] runMain(String... args) {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        int code = dl10.kernel.Main.commandLine().setOut(new java.io.PrintWriter(out)).setErr(new java.io.PrintWriter(err)).execute(args);
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    @Test
    void installOptionsAreChecked() {
        String[] missing = runMain("install", "--prefix");
        assertEquals("2", missing[0]);
        assertTrue(missing[2].startsWith("Missing required parameter for option '--prefix' (DIR)"), missing[2]);
        String[] unknown = runMain("install", "--global");
        assertEquals("2", unknown[0]);
        assertTrue(unknown[2].startsWith("Unknown option: '--global'"), unknown[2]);
        String[] both = runMain("install", "--user", "--prefix", "/tmp/x");
        assertEquals("2", both[0]);
        assertTrue(both[2].contains("mutually exclusive"), both[2]);
        String[] badPath = runMain("install", "--jupyter-path", "/tmp/x", "--classpath", "/no/such/dl10-lib.jar");
        assertEquals("2", badPath[0]);
        assertTrue(badPath[2].startsWith("--classpath: no such file or folder /no/such/dl10-lib.jar"), badPath[2]);
    }

    @Test
    void everyCommandHasHelp() {
        String[] top = runMain("--help");
        assertEquals("0", top[0]);
        assertTrue(top[1].contains("kernel") && top[1].contains("install"), top[1]);
        String[] install = runMain("install", "--help");
        assertEquals("0", install[0]);
        assertTrue(install[1].contains("--classpath=PATH"), install[1]);
        assertTrue(install[1].contains("--jupyter-path=DIR"), install[1]);
        String[] kernel = runMain("kernel", "--help");
        assertEquals("0", kernel[0]);
        assertTrue(kernel[1].contains("CONNECTION_FILE"), kernel[1]);
        String[] none = runMain();
        assertEquals("2", none[0]);
        assertTrue(none[2].startsWith("Name a command: kernel or install"), none[2]);
    }
}
