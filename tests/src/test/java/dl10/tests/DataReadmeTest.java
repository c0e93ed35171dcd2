package dl10.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * data/README.md's table says which lesson uses which file; this test holds it to the notebooks. A
 * lesson uses a dataset when one of its code cells calls the dataset's loader in {@code Datasets}
 * (for files read otherwise, such as pretrained weights, when a code cell names the file), and every
 * file under data/ other than the README and the scripts that make the files has a row.
 */
class DataReadmeTest {

    /** The loader call that reads each file of the table (by the file's name as the table writes it). */
    private static final Map<String, String> LOADERS = Map.of(
            "iris.csv", "Datasets.iris(",
            "mnist/", "Datasets.mnist(",
            "fashion-mnist/", "Datasets.fashionMnist(",
            "moby_dick.txt.gz", "Datasets.mobyDick(",
            "karate_edges.csv", "Datasets.karateClub(",
            "karate_labels.csv", "Datasets.karateClub(",
            "AirPassengers.csv", "Datasets.airPassengers(");

    private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\|");
    private static final Pattern LESSON = Pattern.compile("\\b(\\d\\d)\\b");

    @Test
    void everyFileSaysTruthfullyWhichLessonsUseIt() throws IOException {
        Map<String, String> code = new LinkedHashMap<>();
        for (Path notebook : CourseCheckout.notebooks()) {
            code.put(notebook.getFileName().toString().substring(0, 2), codeOf(notebook));
        }
        Map<String, TreeSet<String>> rows = rows();
        assertTrue(rows.size() >= 7, "data/README.md's table has only " + rows.size() + " rows: " + rows.keySet());
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, TreeSet<String>> row : rows.entrySet()) {
            String file = row.getKey();
            String loader = LOADERS.get(file);
            String needle = loader != null ? loader : Path.of(file.replaceAll("/$", "")).getFileName().toString();
            TreeSet<String> users = new TreeSet<>();
            code.forEach((lesson, source) -> {
                if (source.contains(needle)) {
                    users.add(lesson);
                }
            });
            if (!users.equals(row.getValue())) {
                wrong.add("`" + file + "`: the table says lessons " + row.getValue() + ", the notebooks that use it ("
                        + needle + ") are " + users);
            }
        }
        assertEquals(List.of(), wrong, "data/README.md's lesson column disagrees with the notebooks; fix the table");
    }

    @Test
    void everyDataFileHasARow() throws IOException {
        Path data = CourseCheckout.root().resolve("data");
        Map<String, TreeSet<String>> rows = rows();
        List<String> missing = new ArrayList<>();
        try (Stream<Path> files = Files.walk(data)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String relative = data.relativize(file).toString().replace('\\', '/');
                String name = file.getFileName().toString();
                if (name.equals("README.md") || name.endsWith(".sh") || name.endsWith(".java") || name.endsWith(".py")) {
                    continue;
                }
                boolean listed = rows.keySet().stream().anyMatch(row -> row.endsWith("/")
                        ? relative.startsWith(row) : relative.equals(row));
                if (!listed) {
                    missing.add(relative);
                }
            }
        }
        assertEquals(List.of(), missing, "files in data/ without a row in data/README.md's table (source, licence, lesson)");
    }

    /** The table's rows: file (first column) to the lesson numbers of its lesson column (third). */
    private static Map<String, TreeSet<String>> rows() throws IOException {
        Map<String, TreeSet<String>> rows = new LinkedHashMap<>();
        for (String line : Files.readAllLines(CourseCheckout.root().resolve("data/README.md"))) {
            Matcher m = ROW.matcher(line);
            if (!m.find()) {
                continue;
            }
            String[] columns = line.split("\\|");
            assertTrue(columns.length > 3, "data/README.md: a row without a lesson column: " + line);
            TreeSet<String> lessons = new TreeSet<>();
            Matcher n = LESSON.matcher(columns[3]);
            while (n.find()) {
                lessons.add(n.group(1));
            }
            rows.put(m.group(1), lessons);
        }
        return rows;
    }

    private static String codeOf(Path notebook) {
        try {
            JsonNode cells = new ObjectMapper().readTree(notebook.toFile()).path("cells");
            StringBuilder code = new StringBuilder();
            for (JsonNode cell : cells) {
                if (cell.path("cell_type").asText().equals("code")) {
                    JsonNode source = cell.path("source");
                    if (source.isTextual()) {
                        code.append(source.asText());
                    }
                    for (JsonNode line : source) {
                        code.append(line.asText());
                    }
                    code.append('\n');
                }
            }
            return code.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(notebook + ": " + e.getMessage(), e);
        }
    }
}
