package dl10.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Validates a notebook file against the official nbformat 4 JSON schema of its own minor version,
 * as nbformat's Python validator does, and returns every violation as a readable line.
 */
public final class NotebookSchema {
    private static final ObjectMapper JSON = new ObjectMapper();

    private NotebookSchema() {
    }

    /** The violations of the notebook at {@code file}; an empty list means it is valid. */
    public static List<String> violations(Path file) {
        JsonNode notebook;
        try {
            notebook = JSON.readTree(file.toFile());
        } catch (IOException e) {
            return List.of(file + " is not valid JSON: " + e.getMessage());
        }
        int major = notebook.path("nbformat").asInt(-1);
        int minor = notebook.path("nbformat_minor").asInt(-1);
        if (major != 4) {
            return List.of(file + " has nbformat " + major + "; the course uses nbformat 4");
        }
        String resource = "/nbformat/nbformat.v4." + Math.min(Math.max(minor, 0), 5) + ".schema.json";
        Set<ValidationMessage> messages = schema(resource).validate(notebook);
        return messages.stream().map(m -> file.getFileName() + ": " + m.getMessage()).sorted()
                .collect(Collectors.toList());
    }

    private static JsonSchema schema(String resource) {
        try (InputStream in = NotebookSchema.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("schema resource missing: " + resource);
            }
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
