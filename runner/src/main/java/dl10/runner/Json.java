package dl10.runner;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads and writes the runner's typed records as JSON files (pretty-printed, nulls kept, UTF-8). */
final class Json {
    static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create();

    private Json() {
    }

    /** Parses a file into a record; a file that is not such JSON is an IOException naming it. */
    static <T> T read(Path file, Class<T> type) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        try {
            T value = GSON.fromJson(text, type);
            if (value == null) {
                throw new JsonParseException("the file is empty");
            }
            return value;
        } catch (JsonParseException | IllegalStateException e) {
            throw new IOException(file + " is not a " + type.getSimpleName() + " (JSON): " + e.getMessage(), e);
        }
    }

    /** Writes a record, creating folders as needed, with a newline at the end. */
    static void write(Path file, Object value) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, GSON.toJson(value) + "\n", StandardCharsets.UTF_8);
    }
}
