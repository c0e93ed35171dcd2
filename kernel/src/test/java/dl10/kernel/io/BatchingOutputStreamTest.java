package dl10.kernel.io;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import dl10.kernel.runtime.OutputSink;
import org.junit.jupiter.api.Test;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchingOutputStreamTest {
    @Test
    void printlnCallsAreBatchedUntilTheIntervalOrAFinalFlush() {
        List<String> batches = new ArrayList<>();
        BatchingOutputStream stream = new BatchingOutputStream(batches::add, 60_000);
        PrintStream print = new PrintStream(stream, true, StandardCharsets.UTF_8);
        for (int i = 0; i < 2000; i++) {
            print.println(i);
        }
        assertTrue(batches.isEmpty(), "nothing is sent before the interval: " + batches.size());
        stream.flushNow();
        assertEquals(1, batches.size());
        assertTrue(batches.get(0).startsWith("0\n1\n") && batches.get(0).endsWith("1999\n"));
    }

    @Test
    void aLineBeingPrintedWaitsSoItCanBecomeAPrompt() {
        List<String> batches = new ArrayList<>();
        BatchingOutputStream stream = new BatchingOutputStream(batches::add, 0);
        PrintStream print = new PrintStream(stream, true, StandardCharsets.UTF_8);
        print.print("epoch 1 done\nYour name: ");
        assertEquals(List.of("epoch 1 done\n"), batches, "PrintStream's flush hands on complete lines only");
        assertEquals("Your name: ", stream.takePartialLine());
        stream.flushNow();
        assertEquals(1, batches.size(), "the prompt is not shown twice");
    }

    @Test
    void aLineLeftUnfinishedIsHandedOnOnceItIsStale() throws Exception {
        List<String> batches = new ArrayList<>();
        BatchingOutputStream stream = new BatchingOutputStream(batches::add, 50);
        stream.write("training...".getBytes(StandardCharsets.UTF_8));
        stream.flushStale();
        assertTrue(batches.isEmpty(), "a line written just now waits");
        Thread.sleep(80);
        stream.flushStale();
        assertEquals(List.of("training..."), batches);
    }

    @Test
    void incompleteUtf8CharactersWaitForTheirLastByte() {
        List<String> batches = new ArrayList<>();
        BatchingOutputStream stream = new BatchingOutputStream(batches::add, 0);
        byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
        stream.write(euro, 0, 2);
        stream.flushNow();
        assertTrue(batches.isEmpty());
        stream.write(euro, 2, 1);
        stream.flushNow();
        assertEquals(List.of("€"), batches);
    }

    @Test
    void capturedStreamsSendFewMessagesFor2000Lines() {
        List<String> messages = new ArrayList<>();
        OutputSink sink = new OutputSink() {
            @Override
            public synchronized void stream(String name, String text) {
                messages.add(name + ":" + text);
            }

            @Override
            public void display(DisplayData bundle, String displayId) {
            }

            @Override
            public void updateDisplay(String displayId, DisplayData bundle) {
            }
        };
        PrintStream original = System.out;
        try (CapturedStreams ignored = CapturedStreams.capture(sink)) {
            for (int i = 0; i < 2000; i++) {
                System.out.println("line " + i);
            }
            System.err.println("problem");
        }
        assertEquals(original, System.out, "the original stream is restored");
        assertTrue(messages.size() <= 6, "2000 lines arrive in a few messages, got " + messages.size());
        String all = String.join("", messages.stream().filter(m -> m.startsWith("stdout:")).map(m -> m.substring(7)).toList());
        assertEquals(2000, all.lines().count());
        assertTrue(messages.contains("stderr:problem\n"), messages.toString());
    }
}
