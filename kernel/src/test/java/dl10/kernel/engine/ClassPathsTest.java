package dl10.kernel.engine;

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

class ClassPathsTest {
    @Test
    void expandsGlobsSortedAndKeepsPlainEntries(@TempDir Path dir) throws IOException {
        Files.createFile(dir.resolve("b.jar"));
        Files.createFile(dir.resolve("a.jar"));
        Files.createFile(dir.resolve("notes.txt"));
        Files.createDirectory(dir.resolve("classes"));
        List<String> entries = ClassPaths.expand("*.jar" + File.pathSeparator + "classes", dir);
        assertEquals(List.of(dir.resolve("a.jar").toString(), dir.resolve("b.jar").toString(), dir.resolve("classes").toString()), entries);
    }

    @Test
    void reportsMissingFilesAndEmptyGlobs(@TempDir Path dir) {
        IOException missing = assertThrows(IOException.class, () -> ClassPaths.expand("nothing.jar", dir));
        assertTrue(missing.getMessage().startsWith("No such file or folder: "), missing.getMessage());
        IOException empty = assertThrows(IOException.class, () -> ClassPaths.expand("*.jar", dir));
        assertTrue(empty.getMessage().startsWith("No files match *.jar"), empty.getMessage());
    }

    @Test
    void jvmClassPathIncludesManifestEntries() {
        List<String> entries = ClassPaths.jvmClassPath();
        assertTrue(entries.stream().anyMatch(e -> e.contains("gson")), "the kernel's libraries must be visible to snippets: " + entries);
        assertTrue(entries.stream().anyMatch(e -> e.endsWith("classes")), entries.toString());
    }
}
