package dl10.tests.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dl10.tests.protocol.KernelConnection.Execution;
import dl10.tests.protocol.KernelConnection.Message;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts the real kernel process on a connection file and talks the Jupyter protocol to it over
 * ZeroMQ, as JupyterLab does: kernel info, execution with results, streams, errors and displays,
 * completion, inspection, completeness, interrupting a running cell, ignoring a forged message,
 * and shutting down.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KernelProtocolTest {
    private static final long TIMEOUT = 60_000;

    private Path dir;
    private KernelConnection kernel;

    @BeforeAll
    void startKernel(@TempDir Path tempDir) throws Exception {
        dir = tempDir;
        kernel = KernelConnection.start(dir);
        String id = kernel.sendShell("kernel_info_request", new JsonObject());
        Message reply = kernel.shellReplyTo(id, TIMEOUT);
        assertNotNull(reply, () -> "no kernel_info_reply; kernel log:\n" + kernel.kernelLog());
    }

    @AfterAll
    void stopKernel() throws Exception {
        kernel.close();
    }

    private Execution execute(String code) {
        Execution run = kernel.execute(code, TIMEOUT);
        assertNotNull(run.reply(), () -> "no execute_reply for " + code + "; kernel log:\n" + kernel.kernelLog());
        return run;
    }

    @Test
    @Order(1)
    void kernelInfoDescribesAJavaKernel() {
        String id = kernel.sendShell("kernel_info_request", new JsonObject());
        Message reply = kernel.shellReplyTo(id, TIMEOUT);
        assertEquals("kernel_info_reply", reply.type());
        assertEquals("java", reply.content().getAsJsonObject("language_info").get("name").getAsString());
        assertTrue(reply.content().get("protocol_version").getAsString().startsWith("5."), reply.toString());
    }

    @Test
    @Order(2)
    void anExpressionReturnsAnExecuteResult() {
        Execution run = execute("1 + 1");
        assertEquals("ok", run.status());
        List<Message> results = run.ofType("execute_result");
        assertEquals(1, results.size(), run.published().toString());
        assertEquals("2", results.get(0).content().getAsJsonObject("data").get("text/plain").getAsString());
        assertTrue(run.ofType("status").size() >= 2, "busy and idle are published");
    }

    @Test
    @Order(3)
    void stateCarriesAcrossCells() {
        assertEquals("ok", execute("int answer = 40;").status());
        assertEquals("ok", execute("int twice(int x) { return 2 * x; }").status());
        Execution run = execute("twice(answer / 2) + 2");
        assertEquals("42", run.ofType("execute_result").get(0).content()
                .getAsJsonObject("data").get("text/plain").getAsString());
    }

    @Test
    @Order(3)
    void aLaterImportKeepsEarlierVariables() {
        assertEquals("ok", execute("Random rng = new Random(7);\nString[] names = {\"a\", \"b\"};").status());
        assertEquals("ok", execute("import ai.djl.Model;\nimport ai.djl.ndarray.*;\nimport ai.djl.ndarray.types.*;\n"
                + "Shape shape = new Shape(2, 3);").status());
        Execution run = execute("(rng == null ? \"rng lost\" : \"rng kept\") + \" \" + String.join(\",\", names)");
        assertEquals("rng kept a,b", run.ofType("execute_result").get(0).content()
                .getAsJsonObject("data").get("text/plain").getAsString().replace("\"", ""));
    }

    @Test
    @Order(3)
    void replacingAMethodChangesItsCallers() {
        execute("int base() { return 1; }");
        execute("int scaled() { return base() * 10; }");
        execute("int base() { return 2; }");
        Execution run = execute("scaled()");
        assertEquals("20", run.ofType("execute_result").get(0).content()
                .getAsJsonObject("data").get("text/plain").getAsString());
    }

    @Test
    @Order(4)
    void printedTextArrivesAsAStream() {
        Execution run = execute("System.out.println(\"hello\"); System.err.println(\"careful\");");
        assertEquals("ok", run.status());
        assertEquals("hello\n", run.stream("stdout"));
        assertEquals("careful\n", run.stream("stderr"));
    }

    @Test
    @Order(5)
    void manyPrintlnsAreBatchedIntoFewMessages() {
        Execution run = execute("for (int i = 0; i < 2000; i++) System.out.println(\"line \" + i);");
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            expected.append("line ").append(i).append('\n');
        }
        assertEquals(expected.toString(), run.stream("stdout"));
        int messages = run.ofType("stream").size();
        assertTrue(messages <= 10, "2000 printlns arrived as " + messages + " stream messages");
    }

    @Test
    @Order(6)
    void aRuntimeExceptionIsReportedWithTheUsersFramesOnly() {
        execute("void fail(String why) { throw new IllegalStateException(why); }");
        Execution run = execute("fail(\"boom\")");
        assertEquals("error", run.status());
        Message error = run.ofType("error").get(0);
        assertTrue(error.content().get("ename").getAsString().contains("IllegalStateException"), error.toString());
        assertEquals("boom", error.content().get("evalue").getAsString());
        String traceback = String.join("\n", strings(error.content().getAsJsonArray("traceback")));
        assertTrue(traceback.contains("fail"), traceback);
        assertFalse(traceback.contains("jdk.jshell"), traceback);
        assertFalse(traceback.contains("dl10.kernel"), traceback);
    }

    @Test
    @Order(7)
    void aCompileErrorNamesTheLineAndMarksTheSpan() {
        Execution run = execute("int ok = 1;\nString s = 42;");
        assertEquals("error", run.status());
        Message error = run.ofType("error").get(0);
        String traceback = String.join("\n", strings(error.content().getAsJsonArray("traceback")));
        assertTrue(traceback.contains("incompatible types"), traceback);
        assertTrue(traceback.contains("String s = 42;"), traceback);
        assertTrue(traceback.contains("^"), "the span is marked: " + traceback);
    }

    @Test
    @Order(8)
    void displayPublishesAPngImage() {
        Execution run = execute("display(new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_INT_RGB));");
        assertEquals("ok", run.status());
        List<Message> displays = run.ofType("display_data");
        assertEquals(1, displays.size(), run.published().toString());
        String png = displays.get(0).content().getAsJsonObject("data").get("image/png").getAsString();
        assertTrue(png.startsWith("iVBORw0KGgo"), "base64 PNG expected, got " + png.substring(0, 20));
    }

    @Test
    @Order(9)
    void updateDisplayReplacesAnEarlierOutput() {
        Execution run = execute("String id = display(\"first\"); updateDisplay(id, \"second\");");
        assertEquals("ok", run.status());
        Message shown = run.ofType("display_data").get(0);
        Message update = run.ofType("update_display_data").get(0);
        String shownId = shown.content().getAsJsonObject("transient").get("display_id").getAsString();
        assertEquals(shownId, update.content().getAsJsonObject("transient").get("display_id").getAsString());
        assertTrue(update.content().getAsJsonObject("data").get("text/plain").getAsString().contains("second"));
    }

    @Test
    @Order(10)
    void completionOffersMembers() {
        JsonObject request = new JsonObject();
        String code = "\"course\".toUpp";
        request.addProperty("code", code);
        request.addProperty("cursor_pos", code.length());
        Message reply = kernel.shellReplyTo(kernel.sendShell("complete_request", request), TIMEOUT);
        assertEquals("complete_reply", reply.type());
        assertTrue(strings(reply.content().getAsJsonArray("matches")).stream().anyMatch(m -> m.startsWith("toUpperCase")),
                reply.toString());
        assertEquals("\"course\".".length(), reply.content().get("cursor_start").getAsInt());
    }

    @Test
    @Order(11)
    void inspectionShowsTheSignature() {
        JsonObject request = new JsonObject();
        String code = "Math.max";
        request.addProperty("code", code);
        request.addProperty("cursor_pos", code.length());
        request.addProperty("detail_level", 0);
        Message reply = kernel.shellReplyTo(kernel.sendShell("inspect_request", request), TIMEOUT);
        assertEquals("inspect_reply", reply.type());
        assertTrue(reply.content().get("found").getAsBoolean(), reply.toString());
        assertTrue(reply.content().getAsJsonObject("data").get("text/plain").getAsString().contains("max("), reply.toString());
    }

    @Test
    @Order(12)
    void completenessIsJudgedByJShell() {
        assertEquals("complete", isComplete("1 + 1"));
        assertEquals("incomplete", isComplete("for (int i = 0; i < 3; i++) {"));
        assertEquals("invalid", isComplete("int x = 1;)"));
    }

    private String isComplete(String code) {
        JsonObject request = new JsonObject();
        request.addProperty("code", code);
        Message reply = kernel.shellReplyTo(kernel.sendShell("is_complete_request", request), TIMEOUT);
        return reply.content().get("status").getAsString();
    }

    @Test
    @Order(13)
    void interruptStopsARunningCellAndTheKernelLivesOn() throws Exception {
        JsonObject content = new JsonObject();
        content.addProperty("code", "long spins = 0; while (true) { spins++; }");
        content.addProperty("silent", false);
        String id = kernel.sendShell("execute_request", content);
        Message busy = null;
        long deadline = System.currentTimeMillis() + TIMEOUT;
        while (busy == null && System.currentTimeMillis() < deadline) {
            Message m = kernel.nextIopub(1000);
            if (m != null && id.equals(m.parentId()) && m.type().equals("status")) {
                busy = m;
            }
        }
        assertNotNull(busy, "the cell never started");
        Thread.sleep(500);
        long sent = System.nanoTime();
        Message interruptReply = kernel.controlReplyTo(kernel.sendControl("interrupt_request", new JsonObject()), TIMEOUT);
        assertNotNull(interruptReply, "no interrupt_reply");
        Message reply = kernel.shellReplyTo(id, 30_000);
        double seconds = (System.nanoTime() - sent) / 1e9;
        assertNotNull(reply, "the interrupted cell never replied; kernel log:\n" + kernel.kernelLog());
        assertEquals("error", reply.content().get("status").getAsString(), reply.toString());
        String said = (reply.content().get("ename") + " " + reply.content().get("evalue")).toLowerCase();
        assertTrue(said.contains("interrupt"), "the error says it was interrupted: " + reply);
        assertTrue(seconds < 20, "the cell took " + seconds + " s to stop");
        kernel.iopubUntilIdle(id, 5000);
        assertEquals("ok", execute("1 + 2").status(), "the kernel runs cells after an interrupt");
    }

    @Test
    @Order(14)
    void aMessageWithABadSignatureIsIgnored() {
        JsonObject content = new JsonObject();
        content.addProperty("code", "System.out.println(\"forged\")");
        content.addProperty("silent", false);
        String forged = kernel.sendShellWithBadSignature("execute_request", content);
        assertNull(kernel.shellReplyTo(forged, 3000), "a forged request must not be answered");
        assertTrue(kernel.process().isAlive(), "the kernel survives a forged message");
        Execution after = execute("\"still here\"");
        assertEquals("ok", after.status());
        assertFalse(after.stream("stdout").contains("forged"));
    }

    @Test
    @Order(15)
    void shutdownEndsTheProcess() throws Exception {
        JsonObject content = new JsonObject();
        content.addProperty("restart", false);
        Message reply = kernel.controlReplyTo(kernel.sendControl("shutdown_request", content), TIMEOUT);
        assertNotNull(reply, "no shutdown_reply");
        assertEquals("shutdown_reply", reply.type());
        assertTrue(kernel.process().waitFor(15, TimeUnit.SECONDS), "the kernel process did not exit after shutdown");
    }

    private static List<String> strings(JsonArray array) {
        return array.asList().stream().map(e -> e.getAsString()).toList();
    }
}
