package dl10.runner;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dl10.kernel.jupyter.KernelSpec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads and writes notebooks as nbformat 4 JSON and stamps the course kernel's metadata (kernelspec
 * {@code dl10-java} and the Java language_info) on them.
 */
public final class NotebookFiles {
    /** Kernel name in notebook metadata (the kernelspec's). */
    public static final String KERNEL_NAME = KernelSpec.KERNEL_NAME;
    /** Display name of the kernel. */
    public static final String DISPLAY_NAME = KernelSpec.DISPLAY_NAME;

    static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create();

    private NotebookFiles() {
    }

    /** Parses a notebook file. */
    public static JsonObject read(Path file) throws IOException {
        try {
            return JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (RuntimeException e) {
            throw new IOException(file + " is not a notebook (nbformat 4 JSON): " + e.getMessage(), e);
        }
    }

    /** Writes a notebook (pretty-printed, newline at the end), creating folders as needed. */
    public static void write(JsonObject notebook, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Path temp = Files.createTempFile(parent, ".dl10-", ".ipynb");
        Files.writeString(temp, GSON.toJson(notebook) + "\n", StandardCharsets.UTF_8);
        Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** Sets nbformat 4 fields and the kernelspec and language_info of the course kernel. */
    public static void stampMetadata(JsonObject notebook) {
        notebook.addProperty("nbformat", 4);
        if (!notebook.has("nbformat_minor")) {
            notebook.addProperty("nbformat_minor", 5);
        }
        JsonObject metadata = notebook.has("metadata") ? notebook.getAsJsonObject("metadata") : new JsonObject();
        JsonObject kernelspec = new JsonObject();
        kernelspec.addProperty("name", KERNEL_NAME);
        kernelspec.addProperty("display_name", DISPLAY_NAME);
        kernelspec.addProperty("language", "java");
        metadata.add("kernelspec", kernelspec);
        metadata.add("language_info", KernelSpec.languageInfo());
        notebook.add("metadata", metadata);
        if (notebook.get("nbformat_minor").getAsInt() >= 5 && notebook.has("cells")) {
            int index = 0;
            for (var cell : notebook.getAsJsonArray("cells")) {
                JsonObject object = cell.getAsJsonObject();
                if (!object.has("id")) {
                    object.addProperty("id", "cell-" + index);
                }
                if (!object.has("metadata")) {
                    object.add("metadata", new JsonObject());
                }
                index++;
            }
        }
    }
}
