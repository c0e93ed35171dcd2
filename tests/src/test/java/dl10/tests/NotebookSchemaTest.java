package dl10.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every committed lesson notebook is valid nbformat 4 (checked against the official schema, with no
 * Python needed), names the course's Java kernel, so JupyterLab opens it with the right kernel, and
 * stays under 2 MB with its outputs, so it reads well on GitHub.
 */
class NotebookSchemaTest {

    static List<Path> notebooks() {
        return CourseCheckout.notebooks();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notebooks")
    void committedNotebookIsValidNbformat4(Path notebook) {
        List<String> violations = NotebookSchema.violations(notebook);
        assertTrue(violations.isEmpty(), () -> String.join("\n", violations));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notebooks")
    void committedNotebookNamesTheCourseKernel(Path notebook) throws IOException {
        JsonNode metadata = new ObjectMapper().readTree(notebook.toFile()).path("metadata");
        assertEquals("dl10-java", metadata.path("kernelspec").path("name").asText(),
                notebook + ": metadata.kernelspec.name must be dl10-java");
        assertEquals("java", metadata.path("language_info").path("name").asText(),
                notebook + ": metadata.language_info.name must be java");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notebooks")
    void committedNotebookStaysUnderTwoMegabytes(Path notebook) throws IOException {
        long size = Files.size(notebook);
        assertTrue(size <= 2L * 1024 * 1024, notebook + " is " + size
                + " bytes; committed notebooks must stay under 2 MB (smaller or fewer images)");
    }

    @Test
    void theValidatorRejectsABrokenNotebook(@TempDir Path dir) throws IOException {
        Path broken = dir.resolve("broken.ipynb");
        Files.writeString(broken, "{\"nbformat\": 4, \"nbformat_minor\": 4, \"metadata\": {},"
                + " \"cells\": [{\"cell_type\": \"code\", \"source\": \"1+1\", \"metadata\": {}}]}");
        List<String> violations = NotebookSchema.violations(broken);
        assertTrue(violations.stream().anyMatch(v -> v.contains("outputs")),
                "a code cell without outputs must be reported, got " + violations);
    }

    @Test
    void theValidatorReportsJsonThatDoesNotParse(@TempDir Path dir) throws IOException {
        Path broken = dir.resolve("truncated.ipynb");
        Files.writeString(broken, "{\"nbformat\": 4, ");
        List<String> violations = NotebookSchema.violations(broken);
        assertEquals(1, violations.size());
        assertTrue(violations.get(0).contains("is not valid JSON"), violations.get(0));
    }
}
