package dl10.runner;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dl10.kernel.magic.NotebookCode;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class NotebookParametersTest {
    static final String PARAMETERS = "// the lesson's sizes\nint EPOCHS = 6;\nint SEEDS = 3; // seeds per comparison\n"
            + "double LEARNING_RATE = 0.01;\nlong SEED = 42;\nfinal float DROPOUT = 0.5f;\nboolean PLOT = true;\nString DATA = \"iris.csv\";";

    static JsonObject notebook(String... cells) {
        JsonArray array = new JsonArray();
        for (String cell : cells) {
            array.add(JsonParser.parseString(cell));
        }
        JsonObject notebook = new JsonObject();
        notebook.add("cells", array);
        return notebook;
    }

    static String code(String source, String... tags) {
        JsonObject cell = new JsonObject();
        cell.addProperty("cell_type", "code");
        JsonObject metadata = new JsonObject();
        JsonArray array = new JsonArray();
        for (String tag : tags) {
            array.add(tag);
        }
        if (tags.length > 0) {
            metadata.add("tags", array);
        }
        cell.add("metadata", metadata);
        cell.addProperty("source", source);
        cell.add("outputs", new JsonArray());
        return cell.toString();
    }

    static String markdown(String text) {
        return "{\"cell_type\": \"markdown\", \"metadata\": {}, \"source\": \"" + text + "\"}";
    }

    static List<String> sources(JsonObject notebook) {
        return notebook.getAsJsonArray("cells").asList().stream().map(c -> NotebookCode.source(c.getAsJsonObject())).toList();
    }

    @Test
    void declarationsAreReadLineByLine() {
        List<NotebookParameters.Declaration> declared = NotebookParameters.declarations(PARAMETERS);
        assertEquals(List.of(
                new NotebookParameters.Declaration("int", "EPOCHS", "6"),
                new NotebookParameters.Declaration("int", "SEEDS", "3"),
                new NotebookParameters.Declaration("double", "LEARNING_RATE", "0.01"),
                new NotebookParameters.Declaration("long", "SEED", "42"),
                new NotebookParameters.Declaration("float", "DROPOUT", "0.5f"),
                new NotebookParameters.Declaration("boolean", "PLOT", "true"),
                new NotebookParameters.Declaration("String", "DATA", "\"iris.csv\"")), declared);
    }

    @Test
    void valuesBecomeLiteralsOfTheDeclaredType() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("int EPOCHS=20", "20");
        expected.put("long SEED=5000000000", "5000000000L");
        expected.put("double LEARNING_RATE=1e-3", "0.001");
        expected.put("double LEARNING_RATE=20", "20.0");
        expected.put("float DROPOUT=0.25", "0.25f");
        expected.put("boolean PLOT=False", "false");
        expected.put("String DATA=say \"hi\"\\n\ttab", "\"say \\\"hi\\\"\\\\n\\ttab\"");
        expected.forEach((given, literal) -> {
            String[] typeName = given.substring(0, given.indexOf('=')).split(" ");
            String value = given.substring(given.indexOf('=') + 1);
            assertEquals(literal, NotebookParameters.literal(new NotebookParameters.Declaration(typeName[0], typeName[1], ""), value), given);
        });
    }

    @Test
    void aValueThatDoesNotFitItsTypeIsNamed() {
        var epochs = new NotebookParameters.Declaration("int", "EPOCHS", "6");
        assertEquals("EPOCHS is declared as int in the parameters cell; '2.5' is not an int (a whole number from -2147483648 to 2147483647)",
                assertThrows(IllegalArgumentException.class, () -> NotebookParameters.literal(epochs, "2.5")).getMessage());
        var rate = new NotebookParameters.Declaration("double", "LEARNING_RATE", "0.01");
        assertEquals("LEARNING_RATE is declared as double in the parameters cell; 'NaN' is not a double (a finite number such as 0.01 or 1e-3)",
                assertThrows(IllegalArgumentException.class, () -> NotebookParameters.literal(rate, "NaN")).getMessage());
        var plot = new NotebookParameters.Declaration("boolean", "PLOT", "true");
        assertEquals("PLOT is declared as boolean in the parameters cell; 'yes' is not a boolean (true or false)",
                assertThrows(IllegalArgumentException.class, () -> NotebookParameters.literal(plot, "yes")).getMessage());
    }

    @Test
    void theInjectedCellFollowsTheParametersCell() {
        JsonObject nb = notebook(markdown("# Lesson"), code(PARAMETERS, "parameters"), code("System.out.println(EPOCHS);"));
        Map<String, String> values = new LinkedHashMap<>();
        values.put("EPOCHS", "20");
        values.put("DATA", "moons.csv");
        NotebookParameters.inject(nb, values, "nb.ipynb");
        assertEquals(List.of("# Lesson", PARAMETERS, "// Parameters\nEPOCHS = 20;\nDATA = \"moons.csv\";", "System.out.println(EPOCHS);"), sources(nb));
        JsonObject injected = nb.getAsJsonArray("cells").get(2).getAsJsonObject();
        assertEquals("[\"injected-parameters\"]", injected.getAsJsonObject("metadata").get("tags").toString());
        assertEquals("injected-parameters", injected.get("id").getAsString());

        NotebookParameters.inject(nb, Map.of("SEEDS", "5"), "nb.ipynb");
        assertEquals(List.of("# Lesson", PARAMETERS, "// Parameters\nSEEDS = 5;", "System.out.println(EPOCHS);"), sources(nb),
                "a second run replaces the injected cell");
    }

    @Test
    void noValuesLeaveTheNotebookAsItIs() {
        JsonObject nb = notebook(code("int X = 1;"));
        NotebookParameters.inject(nb, Map.of(), "nb.ipynb");
        assertEquals(List.of("int X = 1;"), sources(nb));
    }

    @Test
    void aNotebookWithoutParametersCellFailsClearly() {
        JsonObject nb = notebook(code("int EPOCHS = 6;"), code("System.out.println(1);", "other"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NotebookParameters.inject(nb, Map.of("EPOCHS", "2"), "notebooks/01-dnn.ipynb"));
        assertEquals("notebooks/01-dnn.ipynb has no code cell tagged 'parameters', so -p EPOCHS has nothing to replace: tag the first"
                + " code cell, which declares the lesson's sizes such as int EPOCHS = 6;, with 'parameters'", e.getMessage());
    }

    @Test
    void anUndeclaredNameOrAWrongValueFailsClearly() {
        JsonObject nb = notebook(markdown("x"), code(PARAMETERS, "parameters"));
        IllegalArgumentException undeclared = assertThrows(IllegalArgumentException.class,
                () -> NotebookParameters.inject(nb, Map.of("EPOCHZ", "2"), "notebooks/01-dnn.ipynb"));
        assertEquals("EPOCHZ is not a parameter of notebooks/01-dnn.ipynb: its parameters cell (cell 2) declares int EPOCHS, int SEEDS,"
                + " double LEARNING_RATE, long SEED, float DROPOUT, boolean PLOT, String DATA", undeclared.getMessage());
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> NotebookParameters.inject(nb, Map.of("SEEDS", "three"), "notebooks/01-dnn.ipynb"));
        assertEquals("notebooks/01-dnn.ipynb: SEEDS is declared as int in the parameters cell; 'three' is not an int"
                + " (a whole number from -2147483648 to 2147483647)", wrong.getMessage());
        JsonObject empty = notebook(code("// nothing yet", "parameters"));
        assertEquals("X is not a parameter of nb: its parameters cell (cell 1) declares none (declare them as int EPOCHS = 6;)",
                assertThrows(IllegalArgumentException.class, () -> NotebookParameters.inject(empty, Map.of("X", "1"), "nb")).getMessage());
    }

    @Test
    void stringsAreQuotedAsJavaLiterals() {
        assertEquals("\"a\\\\b \\\"c\\\" \\u0001\"", NotebookParameters.quote("a\\b \"c\" \u0001"));
    }
}
