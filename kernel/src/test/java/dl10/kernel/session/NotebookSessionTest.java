package dl10.kernel.session;

import dl10.kernel.engine.CellFailure;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Path;
import java.util.List;

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
        RecordingSink outputs = new RecordingSink();
        List<RecordingSink.Output> first = outputs.startCell();
        assertNull(session.execute("String chartId = display(\"epoch 1\");", 1, outputs));
        List<RecordingSink.Output> second = outputs.startCell();
        session.execute("updateDisplay(chartId, new java.awt.image.BufferedImage(3, 3, java.awt.image.BufferedImage.TYPE_INT_RGB));", 2, outputs);
        assertEquals(1, first.size());
        assertEquals("<image 3x3>", first.get(0).get("text/plain"));
        assertTrue(first.get(0).get("image/png").startsWith("iVBOR"), "a base64 PNG");
        assertEquals(0, second.size());
    }

    @Test
    void textPrintedBeforeADisplayOrAClearReachesTheSinkBeforeIt() throws Exception {
        List<String> events = new java.util.ArrayList<>();
        dl10.kernel.runtime.OutputSink sink = new dl10.kernel.runtime.OutputSink() {
            @Override
            public synchronized void stream(String name, String text) {
                events.add(name + ":" + text);
            }

            @Override
            public synchronized void display(DisplayData data, String displayId) {
                events.add("display:" + data.getData(MIMEType.TEXT_PLAIN));
            }

            @Override
            public synchronized void updateDisplay(String displayId, DisplayData data) {
                events.add("update:" + data.getData(MIMEType.TEXT_PLAIN));
            }

            @Override
            public synchronized void clearOutput(boolean wait) {
                events.add("clear:" + wait);
            }
        };
        // all within one batching interval: without sending the printed text first, it would follow
        session.execute("System.out.println(\"epoch 1\");\ndisplay(\"chart\");\nSystem.out.print(\"progress\");\n"
                + "clearOutput(true);\nSystem.err.println(\"warning\");\nclearOutput();\nSystem.out.println(\"done\");", 1, sink);
        assertEquals(List.of("stdout:epoch 1\n", "display:chart", "stdout:progress", "clear:true", "stderr:warning\n",
                "clear:false", "stdout:done\n"), events);
    }

    @Test
    void aCellEndingInPrintfShowsItsTextButNoStreamObject() throws Exception {
        RecordingSink outputs = new RecordingSink();
        List<RecordingSink.Output> cell = outputs.startCell();
        assertNull(session.execute("System.out.printf(\"accuracy %.2f%n\", 0.975)", 4, outputs));
        assertEquals(1, cell.size());
        assertEquals("accuracy 0.98\n", cell.get(0).text());
    }

    @Test
    void libraryReachesTheDisplayThroughReflection() throws Exception {
        RecordingSink outputs = new RecordingSink();
        List<RecordingSink.Output> cell = outputs.startCell();
        session.execute("Class.forName(\"dl10.kernel.runtime.Display\").getMethod(\"display\", Object.class).invoke(null, \"via reflection\");", 3, outputs);
        assertEquals("via reflection", cell.get(0).get("text/plain"));
    }

    @Test
    void twoThousandPrintlnCallsBecomeOneMergedStreamOutput() throws Exception {
        RecordingSink outputs = new RecordingSink();
        List<RecordingSink.Output> cell = outputs.startCell();
        DisplayData result = session.execute("for (int i = 0; i < 2000; i++) System.out.println(i);\n\"done\"", 4, outputs);
        assertEquals("done", result.getData(MIMEType.TEXT_PLAIN));
        assertEquals(1, cell.size());
        assertEquals(2000, cell.get(0).text().lines().count());
    }

    @Test
    void libraryLogLinesStayOutOfTheOutputs() throws Exception {
        RecordingSink outputs = new RecordingSink();
        List<RecordingSink.Output> cell = outputs.startCell();
        session.execute("var log = org.slf4j.LoggerFactory.getLogger(\"ai.djl.engine.Engine\");\n"
                + "log.info(\"Number of intra-op threads is 2\");\nlog.warn(\"a warning\");\nSystem.out.println(\"printed\");", 6, outputs);
        assertEquals(1, cell.size(), () -> cell.get(1).text());
        assertEquals("printed\n", cell.get(0).text());
    }

    @Test
    void failuresLeaveTheStreamsRestored() {
        RecordingSink outputs = new RecordingSink();
        outputs.startCell();
        java.io.PrintStream before = System.out;
        assertThrows(CellFailure.class, () -> session.execute("throw new RuntimeException(\"x\");", 5, outputs));
        assertEquals(before, System.out);
    }

    @Test
    void extensionsOnTheClassPathAddImportsAndRenderers() throws Exception {
        assertEquals(List.of("java.time.*"), session.extensionImports());
        RecordingSink outputs = new RecordingSink();
        outputs.startCell();
        DisplayData result = session.execute("Duration.ofMinutes(2)", 7, outputs);
        assertEquals("<b>120 s</b>", result.getData(MIMEType.TEXT_HTML));
        assertEquals("120 s", result.getData(MIMEType.TEXT_PLAIN));
    }

    @Test
    void magicLinesCountAsComplete() {
        assertEquals("complete", session.isComplete("%maven a:b:1\nint x = 1;"));
        assertEquals("incomplete", session.isComplete("%time\nfor (;;) {"));
    }
}
