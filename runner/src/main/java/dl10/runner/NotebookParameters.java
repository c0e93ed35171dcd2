package dl10.runner;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import dl10.kernel.magic.NotebookCode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Notebook parameters in papermill's convention (papermill.readthedocs.io, "Parameterize"): the code cell
 * tagged {@code parameters} declares a lesson's sizes with their defaults, such as {@code int EPOCHS = 6;},
 * and a run with {@code -p EPOCHS 20} gets, right after that cell, a cell tagged {@code injected-parameters}
 * that assigns the new values ({@code EPOCHS = 20;}), so the rest of the notebook sees them. An
 * {@code injected-parameters} cell left by an earlier run is replaced.
 * <p>Declarations are one per line, {@code [final] TYPE NAME = VALUE;} with TYPE one of int, long, float,
 * double, boolean or String; each value given is checked against its declared type and written as a Java
 * literal of that type (long {@code 42L}, float {@code 0.5f}, strings quoted and escaped).
 */
public final class NotebookParameters {
    /** The tag of the cell that declares the parameters. */
    public static final String PARAMETERS_TAG = "parameters";
    /** The tag of the cell that assigns the values given for a run. */
    public static final String INJECTED_TAG = "injected-parameters";

    private static final Pattern DECLARATION = Pattern.compile(
            "^\\s*(?:final\\s+)?(int|long|float|double|boolean|String)\\s+([A-Za-z_$][\\w$]*)\\s*=\\s*(.*?)\\s*;\\s*(?://.*)?$");

    private NotebookParameters() {
    }

    /** A parameter declared in the parameters cell: its Java type, name and default as written. */
    public record Declaration(String type, String name, String defaultValue) {
    }

    /** The declarations of a parameters cell, in order (other lines, such as comments, are ignored). */
    public static List<Declaration> declarations(String parametersCell) {
        List<Declaration> found = new ArrayList<>();
        for (String line : parametersCell.split("\n", -1)) {
            Matcher matcher = DECLARATION.matcher(line);
            if (matcher.matches()) {
                found.add(new Declaration(matcher.group(1), matcher.group(2), matcher.group(3)));
            }
        }
        return found;
    }

    /**
     * The Java literal of a value given for a parameter of the declared type.
     *
     * @throws IllegalArgumentException naming the parameter, its type and the value if the value is not one
     */
    public static String literal(Declaration declaration, String value) {
        String name = declaration.name();
        String type = declaration.type();
        String text = value.strip();
        try {
            return switch (type) {
                case "int" -> Integer.toString(Integer.parseInt(text));
                case "long" -> Long.parseLong(text) + "L";
                case "double" -> finite(Double.parseDouble(text), text) + "";
                case "float" -> Float.toString((float) finite(Float.parseFloat(text), text)) + "f";
                case "boolean" -> bool(text);
                case "String" -> quote(value);
                default -> throw new IllegalArgumentException("unsupported type " + type);
            };
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " is declared as " + type + " in the parameters cell; '" + value
                    + "' is not " + (type.equals("int") ? "an int" : "a " + type) + describe(type), e);
        }
    }

    private static String describe(String type) {
        return switch (type) {
            case "int" -> " (a whole number from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE + ")";
            case "long" -> " (a whole number)";
            case "double", "float" -> " (a finite number such as 0.01 or 1e-3)";
            case "boolean" -> " (true or false)";
            default -> "";
        };
    }

    private static double finite(double v, String text) {
        if (!Double.isFinite(v) || text.endsWith("d") || text.endsWith("D") || text.endsWith("f") || text.endsWith("F")) {
            throw new IllegalArgumentException("not a finite number");
        }
        return v;
    }

    private static String bool(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (!lower.equals("true") && !lower.equals("false")) {
            throw new IllegalArgumentException("not a boolean");
        }
        return lower;
    }

    /** A Java string literal: quoted, with backslash, quote and control characters escaped. */
    public static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /**
     * Inserts (or replaces) the injected-parameters cell of the notebook with assignments of the values,
     * checked against the parameters cell. Does nothing when no values are given.
     *
     * @param notebook an nbformat 4 notebook, changed in place
     * @param values   parameter names and values as given on the command line, in order
     * @param name     the notebook's name for messages
     * @throws IllegalArgumentException if the notebook has no cell tagged parameters, a name is not declared
     *                                  there, or a value does not fit its declared type
     */
    public static void inject(JsonObject notebook, Map<String, String> values, String name) {
        if (values.isEmpty()) {
            return;
        }
        JsonArray cells = notebook.has("cells") ? notebook.getAsJsonArray("cells") : new JsonArray();
        int parametersIndex = taggedCodeCell(cells, PARAMETERS_TAG);
        if (parametersIndex < 0) {
            throw new IllegalArgumentException(name + " has no code cell tagged '" + PARAMETERS_TAG + "', so -p "
                    + String.join(", ", values.keySet()) + " has nothing to replace: tag the first code cell, which declares"
                    + " the lesson's sizes such as int EPOCHS = 6;, with '" + PARAMETERS_TAG + "'");
        }
        Map<String, Declaration> declared = new LinkedHashMap<>();
        for (Declaration d : declarations(NotebookCode.source(cells.get(parametersIndex).getAsJsonObject()))) {
            declared.put(d.name(), d);
        }
        StringBuilder source = new StringBuilder("// Parameters\n");
        for (Map.Entry<String, String> entry : values.entrySet()) {
            Declaration declaration = declared.get(entry.getKey());
            if (declaration == null) {
                throw new IllegalArgumentException(entry.getKey() + " is not a parameter of " + name + ": its parameters cell (cell "
                        + (parametersIndex + 1) + ") declares " + (declared.isEmpty() ? "none (declare them as int EPOCHS = 6;)"
                        : declared.values().stream().map(d -> d.type() + " " + d.name()).collect(Collectors.joining(", "))));
            }
            try {
                source.append(declaration.name()).append(" = ").append(literal(declaration, entry.getValue())).append(";\n");
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
            }
        }
        JsonObject cell = new JsonObject();
        cell.addProperty("cell_type", "code");
        cell.add("execution_count", JsonNull.INSTANCE);
        cell.addProperty("id", INJECTED_TAG);
        JsonObject metadata = new JsonObject();
        JsonArray tags = new JsonArray();
        tags.add(INJECTED_TAG);
        metadata.add("tags", tags);
        cell.add("metadata", metadata);
        cell.add("outputs", new JsonArray());
        cell.addProperty("source", source.toString().stripTrailing());
        int injectedIndex = taggedCodeCell(cells, INJECTED_TAG);
        if (injectedIndex >= 0) {
            cells.set(injectedIndex, cell);
        } else {
            JsonArray reordered = new JsonArray();
            for (int i = 0; i < cells.size(); i++) {
                reordered.add(cells.get(i));
                if (i == parametersIndex) {
                    reordered.add(cell);
                }
            }
            notebook.add("cells", reordered);
        }
    }

    /** The index of the first code cell carrying the tag, or -1. */
    static int taggedCodeCell(JsonArray cells, String tag) {
        for (int i = 0; i < cells.size(); i++) {
            JsonObject cell = cells.get(i).getAsJsonObject();
            if (!"code".equals(cell.has("cell_type") ? cell.get("cell_type").getAsString() : null)) {
                continue;
            }
            JsonObject metadata = cell.has("metadata") && cell.get("metadata").isJsonObject() ? cell.getAsJsonObject("metadata") : null;
            JsonElement tags = metadata == null ? null : metadata.get("tags");
            if (tags != null && tags.isJsonArray()) {
                for (JsonElement t : tags.getAsJsonArray()) {
                    if (t.isJsonPrimitive() && tag.equals(t.getAsString())) {
                        return i;
                    }
                }
            }
        }
        return -1;
    }
}
