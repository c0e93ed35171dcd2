package dl10.lib;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import org.junit.jupiter.api.Test;

class WeightAverageTest {

    private static Block linear(NDManager manager, int units, int inputs) {
        Block block = Linear.builder().setUnits(units).build();
        block.initialize(manager, DataType.FLOAT32, new Shape(1, inputs));
        return block;
    }

    private static NDArray weight(Block block) {
        return block.getParameters().get("weight").getArray();
    }

    @Test
    void startsAsACopyAndFollowsWithTheWarmedUpDecay() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block trained = linear(manager, 2, 3);
            Block average = linear(manager, 2, 3);
            weight(trained).set(new float[] {1, 2, 3, 4, 5, 6});
            WeightAverage ema = WeightAverage.track(trained, average, 0.9);
            assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, weight(average).toFloatArray(), "the average starts as a copy");
            assertEquals(0.1, ema.nextDecay(), 1e-12, "(1 + 0) / (10 + 0)");

            weight(trained).set(new float[] {11, 12, 13, 14, 15, 16});
            ema.update();                        // rho = 0.1: avg = 0.1 * old + 0.9 * new
            assertArrayEquals(new float[] {10, 11, 12, 13, 14, 15}, weight(average).toFloatArray(), 1e-5f);
            assertEquals(1, ema.updates());
            assertEquals(2.0 / 11.0, ema.nextDecay(), 1e-12);
            assertArrayEquals(new float[] {11, 12, 13, 14, 15, 16}, weight(trained).toFloatArray(), "the trained weights are not touched");

            for (int i = 1; i < 200; i++) {
                ema.update();
            }
            assertEquals(0.9, ema.nextDecay(), 1e-12, "the decay is capped at the one asked for");
            assertArrayEquals(new float[] {11, 12, 13, 14, 15, 16}, weight(average).toFloatArray(), 1e-4f,
                    "with the trained weights fixed, the average converges to them");
        }
    }

    @Test
    void leavesNoArraysBehind() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block trained = linear(manager, 4, 4);
            Block average = linear(manager, 4, 4);
            WeightAverage ema = WeightAverage.track(trained, average, 0.999);
            int before = manager.getManagedArrays().size();
            for (int i = 0; i < 50; i++) {
                ema.update();
            }
            assertEquals(before, manager.getManagedArrays().size(), "an update must free its temporary");
        }
    }

    @Test
    void badInputsAreExplained() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block trained = linear(manager, 2, 3);
            Block average = linear(manager, 2, 3);
            assertEquals("decay must be in [0, 1), got 1.0 (1 would never move the average; 0.999 averages over about the last thousand steps)",
                    assertThrows(IllegalArgumentException.class, () -> WeightAverage.track(trained, average, 1.0)).getMessage());
            assertTrue(assertThrows(IllegalArgumentException.class, () -> WeightAverage.track(trained, average, Double.NaN))
                    .getMessage().startsWith("decay must be in [0, 1), got NaN"));
            assertEquals("WeightAverage.track needs two networks, got a network and null",
                    assertThrows(IllegalArgumentException.class, () -> WeightAverage.track(trained, null, 0.9)).getMessage());
            assertEquals("the average must be a second network of the same architecture, not the trained network itself",
                    assertThrows(IllegalArgumentException.class, () -> WeightAverage.track(trained, trained, 0.9)).getMessage());
            Block wider = linear(manager, 5, 3);
            assertEquals("parameter 1 differs: weight (2, 3) in the trained network, weight (5, 3) in the average",
                    assertThrows(IllegalArgumentException.class, () -> WeightAverage.track(trained, wider, 0.9)).getMessage());
            Block noBias = Linear.builder().setUnits(2).optBias(false).build();
            noBias.initialize(manager, DataType.FLOAT32, new Shape(1, 3));
            assertEquals("the networks differ: the trained one has 2 parameters, the average 1; build both with the same code",
                    assertThrows(IllegalArgumentException.class, () -> WeightAverage.track(trained, noBias, 0.9)).getMessage());
            Block fresh = Linear.builder().setUnits(2).build();
            assertEquals("parameter weight of the average is not initialised; call initialize (or train one step) on both networks first",
                    assertThrows(IllegalStateException.class, () -> WeightAverage.track(trained, fresh, 0.9)).getMessage());
        }
    }
}
