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
    @Order(99)
    void shutdownEndsTheProcess() throws Exception {
        JsonObject content = new JsonObject();
        content.addProperty("restart", false);
        Message reply = kernel.controlReplyTo(kernel.sendControl("shutdown_request", content), TIMEOUT);
        assertNotNull(reply, "no shutdown_reply");
        assertEquals("shutdown_reply", reply.type());
        assertEquals("ok", reply.content().get("status").getAsString(), reply.toString());
        assertFalse(reply.content().get("restart").getAsBoolean(), reply.toString());
        assertTrue(kernel.process().waitFor(15, TimeUnit.SECONDS), "the kernel process did not exit after shutdown");
    }

    // ---- the messaging specification, request by request ---------------------------------------

    @Test
    @Order(20)
    void kernelInfoReplyCarriesStatusOnShellAndControl() {
        for (boolean control : new boolean[] {false, true}) {
            String id = control ? kernel.sendControl("kernel_info_request", new JsonObject())
                    : kernel.sendShell("kernel_info_request", new JsonObject());
            Message reply = control ? kernel.controlReplyTo(id, TIMEOUT) : kernel.shellReplyTo(id, TIMEOUT);
            assertNotNull(reply, "no kernel_info_reply on " + (control ? "control" : "shell"));
            assertEquals("kernel_info_reply", reply.type());
            JsonObject content = reply.content();
            assertEquals("ok", content.get("status").getAsString(), reply.toString());
            assertEquals("5.4", content.get("protocol_version").getAsString());
            assertEquals("5.4", reply.header().get("version").getAsString());
            assertFalse(content.get("implementation").getAsString().isBlank());
            assertFalse(content.get("banner").getAsString().isBlank());
            assertFalse(content.get("debugger").getAsBoolean());
            JsonObject language = content.getAsJsonObject("language_info");
            for (String field : List.of("name", "version", "mimetype", "file_extension", "pygments_lexer", "codemirror_mode")) {
                assertTrue(language.has(field), "language_info lacks " + field + ": " + language);
            }
            assertTrue(content.getAsJsonArray("help_links").size() > 0);
        }
    }

    @Test
    @Order(21)
    void aFailingCellIsAnsweredByAnExecuteReplyWithTheErrorFields() {
        Execution run = execute("throw new IllegalArgumentException(\"bad input\");");
        assertEquals("execute_reply", run.reply().type(), "the reply's header names the reply, not the request");
        JsonObject content = run.reply().content();
        assertEquals("error", content.get("status").getAsString());
        assertEquals("java.lang.IllegalArgumentException", content.get("ename").getAsString());
        assertEquals("bad input", content.get("evalue").getAsString());
        assertTrue(content.getAsJsonArray("traceback").size() > 0);
        assertTrue(content.get("execution_count").getAsInt() > 0);
        assertEquals(1, run.ofType("error").size());
    }

    @Test
    @Order(22)
    void stopOnErrorAbortsTheQueuedCellsWithoutRunningThem() {
        // what JupyterLab's "Run All" sends: every cell at once, stop_on_error true
        String a = kernel.sendShell("execute_request", KernelConnection.executeRequest("System.out.println(\"A ran\");"));
        String b = kernel.sendShell("execute_request", KernelConnection.executeRequest("Thread.sleep(300); throw new IllegalStateException(\"B fails\");"));
        String c = kernel.sendShell("execute_request", KernelConnection.executeRequest("System.out.println(\"C ran\");"));
        String d = kernel.sendShell("execute_request", KernelConnection.executeRequest("System.out.println(\"D ran\");"));
        Execution runA = kernel.collect(a, TIMEOUT);
        Execution runB = kernel.collect(b, TIMEOUT);
        Execution runC = kernel.collect(c, TIMEOUT);
        Execution runD = kernel.collect(d, TIMEOUT);
        assertEquals("ok", runA.status());
        assertEquals("A ran\n", runA.stream("stdout"));
        assertEquals("error", runB.status());
        for (Execution aborted : List.of(runC, runD)) {
            assertEquals("execute_reply", aborted.reply().type());
            assertEquals("aborted", aborted.status(), aborted.reply().toString());
            assertEquals("", aborted.stream("stdout"), "an aborted cell must not run");
            assertTrue(aborted.ofType("execute_input").isEmpty());
        }
        assertEquals("ok", execute("System.out.println(\"E ran\");").status(), "cells sent after the abort run again");
    }

    @Test
    @Order(23)
    void withoutStopOnErrorTheQueuedCellsStillRun() {
        JsonObject failing = KernelConnection.executeRequest("Thread.sleep(300); throw new IllegalStateException(\"fails\");");
        failing.addProperty("stop_on_error", false);
        String b = kernel.sendShell("execute_request", failing);
        String c = kernel.sendShell("execute_request", KernelConnection.executeRequest("System.out.println(\"C ran\");"));
        assertEquals("error", kernel.collect(b, TIMEOUT).status());
        Execution runC = kernel.collect(c, TIMEOUT);
        assertEquals("ok", runC.status());
        assertEquals("C ran\n", runC.stream("stdout"));
    }

    @Test
    @Order(24)
    void silentRunsQuietlyAndIsNotCounted() {
        int before = execute("1").reply().content().get("execution_count").getAsInt();
        JsonObject request = KernelConnection.executeRequest("System.out.println(\"psst\"); int quiet = 5; quiet * 2");
        request.addProperty("silent", true);
        Execution run = kernel.execute(request, TIMEOUT);
        assertEquals("ok", run.status());
        assertEquals(before, run.reply().content().get("execution_count").getAsInt(), "silent does not count");
        assertTrue(run.ofType("execute_input").isEmpty(), run.published().toString());
        assertTrue(run.ofType("stream").isEmpty(), run.published().toString());
        assertTrue(run.ofType("execute_result").isEmpty(), run.published().toString());
        assertEquals("10", result(execute("quiet * 2")), "the silent cell did run");
    }

    @Test
    @Order(25)
    void storeHistoryFalseNeitherCountsNorEntersTheHistory() {
        int before = execute("\"counted\"").reply().content().get("execution_count").getAsInt();
        JsonObject request = KernelConnection.executeRequest("\"not stored\"");
        request.addProperty("store_history", false);
        Execution run = kernel.execute(request, TIMEOUT);
        assertEquals(before, run.reply().content().get("execution_count").getAsInt());
        assertEquals(before, run.ofType("execute_input").get(0).content().get("execution_count").getAsInt());
        assertEquals(1, run.ofType("execute_result").size(), "not silent, so the result is shown");
        JsonArray history = history("tail", 100, null);
        for (int i = 0; i < history.size(); i++) {
            assertFalse(history.get(i).getAsJsonArray().get(2).getAsString().contains("not stored"));
        }
        assertEquals(before + 1, execute("1").reply().content().get("execution_count").getAsInt());
    }

    @Test
    @Order(26)
    void userExpressionsAreEvaluatedAfterTheCell() {
        JsonObject request = KernelConnection.executeRequest("int side = 20;");
        JsonObject expressions = new JsonObject();
        expressions.addProperty("twice", "side * 2");
        expressions.addProperty("broken", "undefinedName + 1");
        request.add("user_expressions", expressions);
        Execution run = kernel.execute(request, TIMEOUT);
        assertEquals("ok", run.status());
        JsonObject values = run.reply().content().getAsJsonObject("user_expressions");
        JsonObject twice = values.getAsJsonObject("twice");
        assertEquals("ok", twice.get("status").getAsString(), values.toString());
        assertEquals("40", twice.getAsJsonObject("data").get("text/plain").getAsString());
        JsonObject broken = values.getAsJsonObject("broken");
        assertEquals("error", broken.get("status").getAsString(), values.toString());
        assertTrue(broken.getAsJsonArray("traceback").toString().contains("undefinedName"), broken.toString());
        assertEquals("20", result(execute("side")), "the expressions did not change the cell's variables");
    }

    @Test
    @Order(27)
    void historyAnswersTailRangeAndSearch() {
        execute("int historyMarker = 1;");
        execute("historyMarker + 41");
        JsonArray tail = history("tail", 2, null);
        assertEquals(2, tail.size(), tail.toString());
        JsonArray last = tail.get(1).getAsJsonArray();
        assertEquals("historyMarker + 41", last.get(2).getAsString());
        int session = last.get(0).getAsInt();
        int line = last.get(1).getAsInt();

        JsonObject range = new JsonObject();
        range.addProperty("session", session);
        range.addProperty("start", line);
        range.addProperty("stop", line + 1);
        JsonArray ranged = historyRequest("range", range, true);
        assertEquals(1, ranged.size(), ranged.toString());
        JsonArray pair = ranged.get(0).getAsJsonArray().get(2).getAsJsonArray();
        assertEquals("historyMarker + 41", pair.get(0).getAsString());
        assertEquals("42", pair.get(1).getAsString(), "output=true pairs the input with its result");

        execute("historyMarker + 41");
        JsonObject search = new JsonObject();
        search.addProperty("pattern", "*historyMarker*");
        assertEquals(3, historyRequest("search", search, false).size());
        search.addProperty("unique", true);
        assertEquals(2, historyRequest("search", search, false).size());
        search.addProperty("pattern", "historyMarker*");
        assertEquals(1, historyRequest("search", search, false).size(), "the whole input must match");
        search.addProperty("n", 1);
        JsonArray one = historyRequest("search", search, false);
        assertEquals(1, one.size());
        assertEquals("historyMarker + 41", one.get(0).getAsJsonArray().get(2).getAsString());
    }

    @Test
    @Order(28)
    void commInfoRepliesWithStatusAndAnUnknownCommIsClosed() {
        Message reply = kernel.shellReplyTo(kernel.sendShell("comm_info_request", new JsonObject()), TIMEOUT);
        assertEquals("comm_info_reply", reply.type());
        assertEquals("ok", reply.content().get("status").getAsString(), reply.toString());
        assertTrue(reply.content().getAsJsonObject("comms").isEmpty());
        JsonObject open = new JsonObject();
        open.addProperty("comm_id", "c0ffee");
        open.addProperty("target_name", "jupyter.widget");
        open.add("data", new JsonObject());
        String id = kernel.sendShell("comm_open", open);
        List<Message> published = kernel.iopubUntilIdle(id, TIMEOUT);
        Message close = published.stream().filter(m -> m.type().equals("comm_close")).findFirst().orElse(null);
        assertNotNull(close, "a comm_open for an unknown target is answered by comm_close: " + published);
        assertEquals("c0ffee", close.content().get("comm_id").getAsString());
    }

    @Test
    @Order(29)
    void anUnknownRequestGetsAnErrorReplyNotSilence() {
        Message reply = kernel.shellReplyTo(kernel.sendShell("frobnicate_request", new JsonObject()), TIMEOUT);
        assertNotNull(reply);
        assertEquals("frobnicate_reply", reply.type());
        assertEquals("error", reply.content().get("status").getAsString());
    }

    @Test
    @Order(30)
    void systemInAsksTheFrontEndWhenStdinIsAllowed() {
        JsonObject request = KernelConnection.executeRequest(
                "Scanner in = new Scanner(System.in);\nSystem.out.print(\"Your name: \");\nString name = in.nextLine();\n"
                        + "System.out.println(\"Hello, \" + name);");
        request.addProperty("allow_stdin", true);
        String id = kernel.sendShell("execute_request", request);
        Message ask = kernel.nextStdin(TIMEOUT);
        assertNotNull(ask, "no input_request; kernel log:\n" + kernel.kernelLog());
        JsonObject answer = new JsonObject();
        answer.addProperty("value", "Ada");
        kernel.sendStdin("input_reply", answer, ask);
        Execution run = kernel.collect(id, TIMEOUT);
        assertEquals("input_request", ask.type());
        assertEquals(id, ask.parentId());
        assertEquals("Your name: ", ask.content().get("prompt").getAsString(), "the text on the current line is the prompt");
        assertFalse(ask.content().get("password").getAsBoolean());
        assertEquals("ok", run.status(), run.published().toString());
        assertEquals("Hello, Ada\n", run.stream("stdout"));

        // the same Scanner in a later cell, and a BufferedReader, ask again
        JsonObject again = KernelConnection.executeRequest(
                "int n = in.nextInt();\nString word = new java.io.BufferedReader(new java.io.InputStreamReader(System.in)).readLine();\n"
                        + "n + \" \" + word");
        again.addProperty("allow_stdin", true);
        String second = kernel.sendShell("execute_request", again);
        Message askNumber = kernel.nextStdin(TIMEOUT);
        answer.addProperty("value", "7");
        kernel.sendStdin("input_reply", answer, askNumber);
        Message askWord = kernel.nextStdin(TIMEOUT);
        assertNotNull(askWord, "BufferedReader.readLine asks for its own line");
        answer.addProperty("value", "apples");
        kernel.sendStdin("input_reply", answer, askWord);
        Execution run2 = kernel.collect(second, TIMEOUT);
        assertEquals("ok", run2.status(), run2.published().toString());
        assertEquals("7 apples", result(run2).replace("\"", ""));
    }

    @Test
    @Order(31)
    void aPasswordIsAskedForInPasswordMode() {
        JsonObject request = KernelConnection.executeRequest(
                "String secret = dl10.kernel.io.KernelStdin.readPassword(\"Token: \");\nsecret.length()");
        request.addProperty("allow_stdin", true);
        String id = kernel.sendShell("execute_request", request);
        Message ask = kernel.nextStdin(TIMEOUT);
        assertNotNull(ask);
        JsonObject answer = new JsonObject();
        answer.addProperty("value", "s3cret");
        kernel.sendStdin("input_reply", answer, ask);
        Execution run = kernel.collect(id, TIMEOUT);
        assertTrue(ask.content().get("password").getAsBoolean());
        assertEquals("Token: ", ask.content().get("prompt").getAsString());
        assertEquals("6", result(run));
        assertFalse(run.published().toString().contains("s3cret"), "the password is not echoed");
    }

    @Test
    @Order(32)
    void systemInFailsClearlyWhenStdinIsNotAllowed() {
        Execution run = execute("new java.util.Scanner(System.in).nextLine()");
        assertEquals("error", run.status());
        String evalue = run.reply().content().get("evalue").getAsString();
        assertTrue(evalue.contains("System.in cannot be read") && evalue.contains("allow_stdin"), evalue);
        assertTrue(kernel.nextStdin(500) == null, "no input_request when stdin is not allowed");
    }

    @Test
    @Order(33)
    void anInterruptWhileWaitingForInputStopsTheCell() {
        JsonObject request = KernelConnection.executeRequest("String never = new Scanner(System.in).nextLine();");
        request.addProperty("allow_stdin", true);
        String id = kernel.sendShell("execute_request", request);
        assertNotNull(kernel.nextStdin(TIMEOUT));
        Message interrupt = kernel.controlReplyTo(kernel.sendControl("interrupt_request", new JsonObject()), TIMEOUT);
        assertEquals("ok", interrupt.content().get("status").getAsString());
        Execution run = kernel.collect(id, TIMEOUT);
        assertEquals("error", run.status());
        assertTrue(run.reply().content().get("ename").getAsString().toLowerCase().contains("interrupt"), run.reply().toString());
        assertEquals("ok", execute("1 + 1").status());
    }

    @Test
    @Order(34)
    void completionAndInspectionCountCodePoints() {
        // an emoji is one code point but two UTF-16 units: positions must not drift
        String code = "String s = \"\\uD83D\\uDE00\"; \"\uD83D\uDE00\".toUpp";
        JsonObject request = new JsonObject();
        request.addProperty("code", code);
        int cursor = code.codePointCount(0, code.length());
        request.addProperty("cursor_pos", cursor);
        Message reply = kernel.shellReplyTo(kernel.sendShell("complete_request", request), TIMEOUT);
        assertEquals("ok", reply.content().get("status").getAsString());
        assertEquals(cursor, reply.content().get("cursor_end").getAsInt());
        assertEquals(cursor - "toUpp".length(), reply.content().get("cursor_start").getAsInt());
        assertTrue(reply.content().has("metadata"));

        JsonObject inspect = new JsonObject();
        inspect.addProperty("code", "Math.abs(-3)");
        inspect.addProperty("cursor_pos", 6);
        inspect.addProperty("detail_level", 1);
        Message inspected = kernel.shellReplyTo(kernel.sendShell("inspect_request", inspect), TIMEOUT);
        assertEquals("ok", inspected.content().get("status").getAsString());
        assertTrue(inspected.content().get("found").getAsBoolean(), inspected.toString());
        assertTrue(inspected.content().has("metadata"));

        inspect.addProperty("code", "        ");
        inspect.addProperty("cursor_pos", 3);
        Message nothing = kernel.shellReplyTo(kernel.sendShell("inspect_request", inspect), TIMEOUT);
        assertEquals("ok", nothing.content().get("status").getAsString());
        assertFalse(nothing.content().get("found").getAsBoolean());
    }

    @Test
    @Order(35)
    void isCompleteSuggestsAnIndentAndSkipsMagicLines() {
        JsonObject request = new JsonObject();
        request.addProperty("code", "if (true) {");
        Message reply = kernel.shellReplyTo(kernel.sendShell("is_complete_request", request), TIMEOUT);
        assertEquals("incomplete", reply.content().get("status").getAsString());
        assertEquals("    ", reply.content().get("indent").getAsString());
        assertEquals("complete", isComplete("%time\nint timed = 1;"));
    }

    @Test
    @Order(36)
    void clearOutputIsPublished() {
        Execution run = execute("System.out.println(\"first\"); clearOutput(); System.out.println(\"second\");");
        assertEquals("ok", run.status());
        List<String> types = run.published().stream().map(Message::type).filter(t -> !t.equals("status")).toList();
        assertEquals(List.of("execute_input", "stream", "clear_output", "stream"), types);
        assertFalse(run.ofType("clear_output").get(0).content().get("wait").getAsBoolean());
    }

    @Test
    @Order(37)
    void everyRequestIsFramedByBusyAndIdle() {
        String id = kernel.sendShell("is_complete_request", codeContent("1"));
        kernel.shellReplyTo(id, TIMEOUT);
        List<Message> published = kernel.iopubUntilIdle(id, TIMEOUT);
        assertEquals("busy", published.get(0).content().get("execution_state").getAsString());
        assertEquals("idle", published.get(published.size() - 1).content().get("execution_state").getAsString());
    }

    @Test
    @Order(38)
    void connectRequestNamesThePorts() {
        Message reply = kernel.shellReplyTo(kernel.sendShell("connect_request", new JsonObject()), TIMEOUT);
        assertEquals("connect_reply", reply.type());
        for (String port : List.of("shell_port", "iopub_port", "stdin_port", "hb_port", "control_port")) {
            assertTrue(reply.content().get(port).getAsInt() > 0, reply.toString());
        }
    }

    @Test
    @Order(40)
    void systemExitAndHaltFailTheCellAndKeepTheKernelAndItsVariables() {
        assertEquals("ok", execute("int survivor = 7;").status());
        for (String call : List.of("System.exit(0);", "Runtime.getRuntime().exit(1);", "Runtime.getRuntime().halt(2);")) {
            Execution run = execute(call);
            assertEquals("error", run.status(), call);
            String evalue = run.reply().content().get("evalue").getAsString();
            assertTrue(evalue.contains("would end the kernel"), evalue);
            assertTrue(kernel.process().isAlive(), call + " ended the kernel process");
        }
        assertEquals("8", result(execute("survivor + 1")), "the session keeps its variables");
    }

    @Test
    @Order(41)
    void aLibraryThatCallsSystemExitFailsTheCellToo() throws Exception {
        Path src = java.nio.file.Files.createDirectories(dir.resolve("quitter-src/quitter"));
        java.nio.file.Files.writeString(src.resolve("Quitter.java"),
                "package quitter; public class Quitter { public static void quit() { System.exit(3); } }");
        Path classes = java.nio.file.Files.createDirectories(dir.resolve("quitter-classes"));
        assertEquals(0, javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(),
                src.resolve("Quitter.java").toString()));
        try (java.util.jar.JarOutputStream jar = new java.util.jar.JarOutputStream(
                java.nio.file.Files.newOutputStream(dir.resolve("quitter.jar")))) {
            jar.putNextEntry(new java.util.jar.JarEntry("quitter/Quitter.class"));
            jar.write(java.nio.file.Files.readAllBytes(classes.resolve("quitter/Quitter.class")));
            jar.closeEntry();
        }
        assertEquals("ok", execute("%jars quitter.jar").status());
        Execution run = execute("quitter.Quitter.quit();");
        assertEquals("error", run.status());
        assertTrue(run.reply().content().get("evalue").getAsString().startsWith("System.exit(3) would end the kernel"),
                run.reply().toString());
        assertTrue(kernel.process().isAlive());
        assertEquals("8", result(execute("survivor + 1")));
    }

    private static JsonObject codeContent(String code) {
        JsonObject content = new JsonObject();
        content.addProperty("code", code);
        return content;
    }

    private String result(Execution run) {
        assertEquals("ok", run.status(), () -> run.reply().toString());
        List<Message> results = run.ofType("execute_result");
        assertEquals(1, results.size(), run.published().toString());
        return results.get(0).content().getAsJsonObject("data").get("text/plain").getAsString();
    }

    private JsonArray history(String access, int n, String pattern) {
        JsonObject request = new JsonObject();
        request.addProperty("n", n);
        if (pattern != null) {
            request.addProperty("pattern", pattern);
        }
        return historyRequest(access, request, false);
    }

    private JsonArray historyRequest(String access, JsonObject request, boolean output) {
        request.addProperty("hist_access_type", access);
        request.addProperty("output", output);
        request.addProperty("raw", true);
        Message reply = kernel.shellReplyTo(kernel.sendShell("history_request", request), TIMEOUT);
        assertNotNull(reply, "no history_reply");
        assertEquals("history_reply", reply.type());
        assertEquals("ok", reply.content().get("status").getAsString());
        return reply.content().getAsJsonArray("history");
    }

    private static List<String> strings(JsonArray array) {
        return array.asList().stream().map(e -> e.getAsString()).toList();
    }
}
