package dl10.kernel.session;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.ToolProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SessionEnvironmentTest {
    @Test
    void classPathAndStartupScriptsComeFromTheEnvironment(@TempDir Path dir) throws Exception {
        Path source = dir.resolve("Tool.java");
        Files.writeString(source, "package envdemo; public class Tool { public static int seven() { return 7; } }");
        Path classes = Files.createDirectories(dir.resolve("classes"));
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), source.toString()));
        Files.writeString(dir.resolve("setup.jsh"), "int fromScript = envdemo.Tool.seven();");
        Map<String, String> environment = Map.of(
                "IJAVA_CLASSPATH", "classes",
                "IJAVA_STARTUP_SCRIPTS_PATH", "*.jsh",
                "IJAVA_STARTUP_SCRIPT", "int fromCode = fromScript * 2;");
        try (NotebookSession session = new NotebookSession(dir, dl10.kernel.render.KernelRenderer.standalone(), environment)) {
            RecordingSink outputs = new RecordingSink();
            outputs.startCell();
            assertEquals("14", session.execute("fromCode", 1, outputs).getData(io.github.spencerpark.jupyter.kernel.display.mime.MIMEType.TEXT_PLAIN));
        }
    }

    @Test
    void aBadClassPathEntryIsSkippedAndTheSessionStillWorks(@TempDir Path dir) throws IOException, Exception {
        try (NotebookSession session = new NotebookSession(dir, dl10.kernel.render.KernelRenderer.standalone(), Map.of("IJAVA_CLASSPATH", "missing/*.jar"))) {
            RecordingSink outputs = new RecordingSink();
            outputs.startCell();
            assertEquals("2", session.execute("1 + 1", 1, outputs).getData(io.github.spencerpark.jupyter.kernel.display.mime.MIMEType.TEXT_PLAIN));
        }
    }
}
