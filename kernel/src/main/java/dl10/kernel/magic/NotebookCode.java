package dl10.kernel.magic;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the source of the code cells of an nbformat 4 notebook (for {@code %load} of a notebook and for
 * the headless runner), joining a source given as a list of lines.
 */
public final class NotebookCode {
    private NotebookCode() {
    }

    /** The sources of the code cells in order. */
    public static List<String> codeCells(String notebookJson) {
        JsonObject notebook = JsonParser.parseString(notebookJson).getAsJsonObject();
        List<String> sources = new ArrayList<>();
        JsonArray cells = notebook.has("cells") ? notebook.getAsJsonArray("cells") : new JsonArray();
        for (JsonElement cell : cells) {
            JsonObject object = cell.getAsJsonObject();
            if ("code".equals(object.get("cell_type").getAsString())) {
                sources.add(source(object));
            }
        }
        return sources;
    }

    /** The source of one cell, whether stored as a string or a list of lines. */
    public static String source(JsonObject cell) {
        JsonElement source = cell.get("source");
        if (source == null || source.isJsonNull()) {
            return "";
        }
        if (source.isJsonArray()) {
            StringBuilder text = new StringBuilder();
            for (JsonElement line : source.getAsJsonArray()) {
                text.append(line.getAsString());
            }
            return text.toString();
        }
        return source.getAsString();
    }
}
