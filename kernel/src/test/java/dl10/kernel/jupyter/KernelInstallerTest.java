package dl10.kernel.jupyter;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KernelInstallerTest {
    @Test
    void kernelJsonStartsTheJarWithTheConnectionFile(@TempDir Path dir) throws IOException {
        Path jar = dir.resolve("dl10-kernel.jar");
        Path installed = KernelInstaller.install(dir.resolve("kernels").resolve("dl10-java"), "Java (deep-learning course)", jar);
        JsonObject spec = JsonParser.parseString(Files.readString(installed.resolve("kernel.json"))).getAsJsonObject();
        List<String> argv = spec.getAsJsonArray("argv").asList().stream().map(e -> e.getAsString()).toList();
        assertTrue(argv.get(0).endsWith("/bin/java"), argv.get(0));
        assertEquals(List.of("-jar", jar.toAbsolutePath().toString(), "kernel", "{connection_file}"), argv.subList(argv.size() - 4, argv.size()));
        assertEquals("java", spec.get("language").getAsString());
        assertEquals("Java (deep-learning course)", spec.get("display_name").getAsString());
        assertEquals("message", spec.get("interrupt_mode").getAsString());
        assertEquals("cpu", spec.getAsJsonObject("env").get("PYTORCH_FLAVOR").getAsString());
    }

    @Test
    void installOptionsAreChecked() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.PrintStream out = new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(2, KernelInstaller.run(List.of("--prefix"), out));
        assertEquals(2, KernelInstaller.run(List.of("--global"), out));
        String text = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(text.contains("install: --prefix needs a value"), text);
        assertTrue(text.contains("install: unknown option --global"), text);
    }
}
