package dl10.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The pages that list the lessons list all of them: README.md's lesson table (a link to the notebook
 * and one to Binder per lesson) and RESULTS.md (a row per lesson, remade by
 * environment/execute-notebooks.sh), so that a new lesson cannot be left out of either.
 */
class LessonListsTest {

    @Test
    void readmeTableLinksEveryLessonAndItsBinderPage() throws IOException {
        String readme = Files.readString(CourseCheckout.root().resolve("README.md"));
        String binder = CourseCheckout.courseProperty("binder.url");
        List<String> missing = new ArrayList<>();
        for (Path notebook : CourseCheckout.notebooks()) {
            String name = notebook.getFileName().toString();
            if (!readme.contains("](notebooks/" + name + ")")) {
                missing.add(name + " (no link to the notebook)");
            }
            if (!readme.contains(binder + "?urlpath=lab/tree/notebooks/" + name + ")")) {
                missing.add(name + " (no Binder link)");
            }
        }
        assertEquals(List.of(), missing, "README.md's lesson table misses lessons; add a row for each");
    }

    @Test
    void resultsPageHasARowPerLesson() throws IOException {
        String results = Files.readString(CourseCheckout.root().resolve("RESULTS.md"));
        List<String> missing = new ArrayList<>();
        for (Path notebook : CourseCheckout.notebooks()) {
            String name = notebook.getFileName().toString();
            if (!results.contains("| [" + name.replace(".ipynb", "") + "](notebooks/" + name + ")")) {
                missing.add(name);
            }
        }
        assertEquals(List.of(), missing, "RESULTS.md has no row for these lessons; remake it with environment/execute-notebooks.sh");
    }
}
