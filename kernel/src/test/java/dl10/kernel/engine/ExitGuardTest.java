package dl10.kernel.engine;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExitGuardTest extends EngineTestBase {

    @Test
    void everyWayOfEndingTheJvmFailsTheCellAndKeepsTheVariables() throws Exception {
        engine.eval("int kept = 41;");
        for (String call : List.of("System.exit(0);", "Runtime.getRuntime().exit(2);", "Runtime.getRuntime().halt(3);",
                "java.util.function.IntConsumer quit = System::exit; quit.accept(4);",
                "java.util.function.IntConsumer stop = Runtime.getRuntime()::halt; stop.accept(5);",
                "void leave() { System.exit(6); }\nleave();",
                "new Thread(() -> { try { System.exit(7); } catch (SecurityException e) { System.err.println(e.getMessage()); } }).run();\nSystem.exit(8);")) {
            CellFailure failure = assertThrows(CellFailure.class, () -> engine.eval(call), call);
            assertEquals("java.lang.SecurityException", failure.ename(), call);
            assertTrue(failure.evalue().contains("would end the kernel") && failure.evalue().contains("variables are still here"),
                    failure.evalue());
        }
        assertEquals(42, engine.eval("kept + 1").value(), "the session and its variables live on");
    }

    @Test
    void theMessageNamesTheCallAndItsStatus() {
        CellFailure failure = assertThrows(CellFailure.class, () -> engine.eval("System.exit(17)"));
        assertTrue(failure.evalue().startsWith("System.exit(17) would end the kernel"), failure.evalue());
    }

    @Test
    void classesWithoutExitCallsAreLeftByteForByte() {
        byte[] plain = {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 1, 2, 3};
        assertSame(plain, ExitGuard.rewrite(plain));
        assertTrue(ExitGuard.contains("the exit".getBytes(), "exit".getBytes()));
    }
}
