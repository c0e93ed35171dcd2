package dl10.lib;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class TrainingHistoryTest {

    static TrainingHistory sample() {
        TrainingHistory h = new TrainingHistory("run", List.of("loss"), List.of("acc", "test loss"), Set.of("test loss"));
        h.addEpoch(1, new double[] {0.9}, Map.of("acc", 0.6, "test loss", 1.0), 1.5);
        h.addEpoch(2, new double[] {0.5}, Map.of("acc", 0.8, "test loss", 0.7), 1.25);
        h.addEpoch(3, new double[] {0.6}, Map.of("acc", 0.7, "test loss", 0.8), 1.0);
        return h;
    }

    @Test
    void tableHasOneRowPerEpochAndNamedColumns() {
        TrainingHistory h = sample();
        Table t = h.table();
        assertEquals(List.of("epoch", "loss", "acc", "test loss", "seconds"), t.columnNames());
        assertEquals(3, t.rowCount());
        assertEquals("run", t.name());
        t.dropRows(0);
        assertEquals(3, h.table().rowCount(), "table() returns a copy");
        assertEquals(3, h.epochs());
        assertEquals(List.of("loss"), h.lossNames());
        assertEquals(List.of("acc", "test loss"), h.metricNames());
        assertEquals("run", h.title());
        assertTrue(h.toString().contains("test loss"));
    }

    @Test
    void valuesLastAndBest() {
        TrainingHistory h = sample();
        assertArrayEquals(new double[] {0.9, 0.5, 0.6}, h.values("loss"));
        assertArrayEquals(new double[] {1, 2, 3}, h.values("epoch"));
        assertArrayEquals(new double[] {1, 2, 3}, h.epochsAsDoubles());
        assertArrayEquals(new double[] {1.5, 1.25, 1.0}, h.values("seconds"));
        assertEquals(0.6, h.last("loss"));
        assertEquals(0.5, h.best("loss"), "loss: lowest is best");
        assertEquals(0.8, h.best("acc"), "metric: highest is best");
        assertEquals(0.7, h.best("test loss"), "metric to minimize: lowest is best");
        assertEquals(2, h.bestEpoch("loss"));
        assertEquals(2, h.bestEpoch("acc"));
        assertTrue(h.isLoss("loss"));
        assertTrue(!h.isLoss("acc"));
        assertTrue(h.isMinimized("loss"));
        assertTrue(h.isMinimized("test loss"));
        assertTrue(!h.isMinimized("acc"));
    }

    @Test
    void missingMetricValueIsNaN() {
        TrainingHistory h = new TrainingHistory("r", List.of("loss"), List.of("acc"), Set.of());
        h.addEpoch(1, new double[] {1}, Map.of(), 0.1);
        assertTrue(Double.isNaN(h.last("acc")));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> h.best("acc"));
        assertEquals("'acc' has no value yet (no finished epoch)", e.getMessage());
    }

    @Test
    void unknownNameListsTheAvailableColumns() {
        TrainingHistory h = sample();
        for (var call : List.<java.util.function.Consumer<String>>of(h::values, h::last, h::best, h::bestEpoch)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> call.accept("accuracy"));
            assertEquals("the training history has no column 'accuracy'; available: epoch, loss, acc, test loss, seconds",
                    e.getMessage());
        }
    }

    @Test
    void emptyHistoryHasNoLastValue() {
        TrainingHistory h = new TrainingHistory("r", List.of("loss"), List.of(), Set.of());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> h.last("loss"));
        assertEquals("no epoch has finished yet, so 'loss' has no value", e.getMessage());
        assertEquals(0, h.epochs());
    }
}
