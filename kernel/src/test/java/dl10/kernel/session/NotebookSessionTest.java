package dl10.kernel.session;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dl10.kernel.engine.CellFailure;
import dl10.kernel.render.MimeBundle;
import dl10.kernel.runner.CellOutputs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotebookSessionTest {
    private NotebookSession session;

    @BeforeAll
    void start() {
        session = new NotebookSession(Path.of("").toAbsolutePath());
    }

    @AfterAll
    void stop() {
        session.close();
    }

    @Test
    void displayAndUpdateDisplayReachTheOutputModel() throws Exception {
        CellOutputs outputs = new CellOutputs();
        JsonArray first = new JsonArray();
        outputs.startCell(first);
        assertNull(session.execute("String chartId = display(\"epoch 1\");", 1, outputs));
        JsonArray second = new JsonArray();
        outputs.startCell(second);
        session.execute("updateDisplay(chartId, new java.awt.image.BufferedImage(3, 3, java.awt.image.BufferedImage.TYPE_INT_RGB));", 2, outputs);
        assertEquals(1, first.size());
        JsonObject data = first.get(0).getAsJsonObject().getAsJsonObject("data");
        assertEquals("<image 3x3>", data.get("text/plain").getAsString());
        assertTrue(data.has("image/png"));
        assertEquals(0, second.size());
    }

    @Test
    void aCellEndingInPrintfShowsItsTextButNoStreamObject() throws Exception {
        CellOutputs outputs = new CellOutputs();
        JsonArray cell = new JsonArray();
        outputs.startCell(cell);
        assertNull(session.execute("System.out.printf(\"accuracy %.2f%n\", 0.975)", 4, outputs));
        assertEquals(1, cell.size());
        assertEquals("accuracy 0.98\n", cell.get(0).getAsJsonObject().get("text").getAsString());
    }

    @Test
    void libraryReachesTheDisplayThroughReflection() throws Exception {
        CellOutputs outputs = new CellOutputs();
        JsonArray cell = new JsonArray();
        outputs.startCell(cell);
        session.execute("Class.forName(\"dl10.kernel.runtime.Display\").getMethod(\"display\", Object.class).invoke(null, \"via reflection\");", 3, outputs);
        assertEquals("via reflection", cell.get(0).getAsJsonObject().getAsJsonObject("data").get("text/plain").getAsString());
    }

    @Test
    void twoThousandPrintlnCallsBecomeOneMergedStreamOutput() throws Exception {
        CellOutputs outputs = new CellOutputs();
        JsonArray cell = new JsonArray();
        outputs.startCell(cell);
        MimeBundle result = session.execute("for (int i = 0; i < 2000; i++) System.out.println(i);\n\"done\"", 4, outputs);
        assertEquals("\"done\"", result.get("text/plain").equals("done") ? "\"done\"" : result.get("text/plain"));
        assertEquals(1, cell.size());
        assertEquals(2000, cell.get(0).getAsJsonObject().get("text").getAsString().lines().count());
    }

    @Test
    void libraryLogLinesStayOutOfTheOutputs() throws Exception {
        CellOutputs outputs = new CellOutputs();
        JsonArray cell = new JsonArray();
        outputs.startCell(cell);
        session.execute("var log = org.slf4j.LoggerFactory.getLogger(\"ai.djl.engine.Engine\");\n"
                + "log.info(\"Number of intra-op threads is 2\");\nlog.warn(\"a warning\");\nSystem.out.println(\"printed\");", 6, outputs);
        assertEquals(1, cell.size(), cell.toString());
        assertEquals("printed\n", cell.get(0).getAsJsonObject().get("text").getAsString());
    }

    @Test
    void failuresLeaveTheStreamsRestored() {
        CellOutputs outputs = new CellOutputs();
        outputs.startCell(new JsonArray());
        java.io.PrintStream before = System.out;
        assertThrows(CellFailure.class, () -> session.execute("throw new RuntimeException(\"x\");", 5, outputs));
        assertEquals(before, System.out);
    }

    @Test
    void magicLinesCountAsComplete() {
        assertEquals("complete", session.isComplete("%maven a:b:1\nint x = 1;"));
        assertEquals("incomplete", session.isComplete("%time\nfor (;;) {"));
    }
}
