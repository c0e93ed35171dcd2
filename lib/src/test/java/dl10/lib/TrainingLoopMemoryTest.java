package dl10.lib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Trains a small model for 100 epochs (3000 steps) and checks that neither native memory (the
 * process's resident set) nor the arrays attached to the data's manager grow: every batch's arrays
 * must be released after its step.
 */
class TrainingLoopMemoryTest {

    static final long MAX_GROWTH_KB = 50 * 1024;

    static long residentKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS line in /proc/self/status");
    }

    @Test
    void hundredEpochsDoNotGrowResidentMemory() throws IOException {
        try (NDManager m = NDManager.newBaseManager(); TinyMlp mlp = new TinyMlp(m, 960, 2)) {
            TrainingLoop warmUp = TrainingLoop.over(mlp.x, mlp.y).batchSize(32).epochs(20)
                    .display(NotebookDisplay.textOnly()).refreshSeconds(1e6);
            warmUp.run(TrainingLoopTest.trainerStep(mlp));
            System.gc();
            int arraysBefore = m.getManagedArrays().size();
            long before = residentKb();
            long heapBefore = Runtime.getRuntime().totalMemory() / 1024;
            TrainingHistory h = TrainingLoop.over(mlp.x, mlp.y).batchSize(32).epochs(100)
                    .metric("seconds so far", () -> 0)
                    .display(NotebookDisplay.textOnly()).refreshSeconds(1e6)
                    .run(TrainingLoopTest.trainerStep(mlp));
            System.gc();
            long after = residentKb();
            long growth = after - before;
            long heapGrowth = Runtime.getRuntime().totalMemory() / 1024 - heapBefore;
            System.out.printf("resident memory: %d kB before, %d kB after 100 epochs (3000 steps): growth %d kB"
                    + " (of which the JVM's committed heap: %d kB)%n", before, after, growth, heapGrowth);
            assertEquals(100, h.epochs());
            assertEquals(arraysBefore, m.getManagedArrays().size(), "arrays left attached to the data's manager");
            assertTrue(growth < MAX_GROWTH_KB, "resident memory grew by " + growth + " kB");
        }
    }
}
