package dl10.kernel.engine;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** One JShell engine (800 ms warm-up interrupt window) shared by the tests of a class, closed after the last. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EngineTestBase {
    protected JShellEngine engine;

    @BeforeAll
    void start() {
        engine = new JShellEngine(800);
    }

    @AfterAll
    void stop() {
        engine.close();
    }
}
