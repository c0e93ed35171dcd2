package dl10.lib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class NotebookDisplayTest {

    static String captured(Runnable r) {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            r.run();
        } finally {
            System.setOut(old);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void triesTheKernelsInOrder() {
        assertEquals(List.of("dl10.kernel.runtime.Display", "io.github.spencerpark.ijava.runtime.Display",
                "org.dflib.jjava.jupyter.kernel.BaseNotebookStatics", "org.dflib.jjava.runtime.Display"), NotebookDisplay.DISPLAY_CLASSES);
    }

    @Test
    void plainJvmPrintsText() {
        NotebookDisplay d = NotebookDisplay.find();
        assertFalse(d.isNotebook(), "no kernel on the test class path");
        String out = captured(() -> {
            assertNull(d.show("hello"));
            d.update(null, new java.awt.image.BufferedImage(3, 2, java.awt.image.BufferedImage.TYPE_INT_RGB));
            d.update("x", Charts.line("my chart", "x", "y", new double[] {1}, new double[] {1}));
        });
        assertEquals("hello\n[image 3x2]\n[chart: my chart]\n", out);
    }

    @Test
    void usesTheFirstKernelDisplayFound() {
        FakeKernelDisplay.clear();
        NotebookDisplay d = NotebookDisplay.find(List.of("no.such.Display", "dl10.lib.FakeKernelDisplay"));
        assertTrue(d.isNotebook());
        String out = captured(() -> {
            assertEquals("id-1", d.show("a"));
            d.update("id-1", "b");
        });
        assertEquals("", out);
        assertEquals(List.of("display", "update id-1"), FakeKernelDisplay.CALLS);
        assertEquals(List.of("a", "b"), FakeKernelDisplay.OBJECTS);
        FakeKernelDisplay.clear();
    }

    @Test
    void theApiJarsOfIJavaAndJJavaWithoutARunningKernelAreSkipped() {
        // JJava's API is on the test class path, but no JJava kernel runs: text, not a display that fails later
        assertTrue(NotebookDisplay.RUNNING_KERNEL.containsKey("org.dflib.jjava.jupyter.kernel.BaseNotebookStatics"));
        assertFalse(NotebookDisplay.find(List.of("org.dflib.jjava.jupyter.kernel.BaseNotebookStatics")).isNotebook());
        io.github.spencerpark.ijava.IJava.setKernelInstance(null);
        assertFalse(NotebookDisplay.find(List.of("io.github.spencerpark.ijava.runtime.Display")).isNotebook());
    }

    @Test
    void kernelClassWithoutRunningKernelFallsBackToText() {
        NotebookDisplay d = NotebookDisplay.find(List.of("dl10.lib.RefusingKernelDisplay"));
        assertTrue(d.isNotebook());
        String out = captured(() -> assertNull(d.show("x")));
        assertEquals("x\n", out);
        assertFalse(d.isNotebook(), "stays text-only once the kernel refused");
        assertFalse(NotebookDisplay.textOnly().isNotebook());
    }
}
