package dl10.tests.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dl10.tests.protocol.KernelConnection.Execution;
import dl10.tests.protocol.KernelConnection.Message;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What happens at the very start and end of a kernel's life, each test on a kernel process of its own:
 * an interrupt while JShell is still warming up stops the first cell, and a shutdown with the restart
 * flag is answered with that flag before the process ends.
 */
class FreshKernelTest {
    private static final long TIMEOUT = 60_000;

    private static void awaitKernelInfo(KernelConnection kernel) {
        Message info = kernel.shellReplyTo(kernel.sendShell("kernel_info_request", new JsonObject()), TIMEOUT);
        assertNotNull(info, () -> "no kernel_info_reply; kernel log:\n" + kernel.kernelLog());
    }

    @Test
    void oneInterruptStopsTheFirstCellWhileJShellWarmsUp(@TempDir Path dir) throws Exception {
        try (KernelConnection kernel = KernelConnection.start(dir)) {
            awaitKernelInfo(kernel); // answered at once; JShell is still starting in the background
            String id = kernel.sendShell("execute_request", KernelConnection.executeRequest("while (true) { }"));
            Thread.sleep(300);
            long sent = System.nanoTime();
            Message interrupted = kernel.controlReplyTo(kernel.sendControl("interrupt_request", new JsonObject()), TIMEOUT);
            assertNotNull(interrupted, "no interrupt_reply");
            assertEquals("ok", interrupted.content().get("status").getAsString());
            Execution first = kernel.collect(id, 30_000);
            double seconds = (System.nanoTime() - sent) / 1e9;
            assertNotNull(first.reply(), () -> "one interrupt did not stop the first cell; kernel log:\n" + kernel.kernelLog());
            assertEquals("error", first.status(), first.reply().toString());
            assertTrue(first.reply().content().get("ename").getAsString().contains("Interrupted"), first.reply().toString());
            assertTrue(seconds < 20, "the first cell took " + seconds + " s to stop");
            Execution next = kernel.execute("1 + 1", TIMEOUT);
            assertEquals("ok", next.status(), "the kernel runs cells after the interrupt");
        }
    }

    @Test
    void aShutdownWithRestartIsAnsweredWithTheFlagAndEndsTheProcess(@TempDir Path dir) throws Exception {
        try (KernelConnection kernel = KernelConnection.start(dir)) {
            awaitKernelInfo(kernel);
            assertEquals("ok", kernel.execute("int x = 1;", TIMEOUT).status());
            JsonObject request = new JsonObject();
            request.addProperty("restart", true);
            Message reply = kernel.controlReplyTo(kernel.sendControl("shutdown_request", request), TIMEOUT);
            assertNotNull(reply, "no shutdown_reply");
            assertEquals("shutdown_reply", reply.type());
            assertEquals("ok", reply.content().get("status").getAsString());
            assertTrue(reply.content().get("restart").getAsBoolean(), reply.toString());
            assertTrue(kernel.process().waitFor(15, TimeUnit.SECONDS), "the kernel process did not end; the front end starts a new one");
            assertEquals(0, kernel.process().exitValue(), kernel.kernelLog());
        }
    }
}
