package dl10.lib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

class MeanSquaredErrorTest {

    @Test
    void computesTheMeanOfSquaredDifferences() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray label = m.create(new float[] {1, 2, 3, 4});
            NDArray prediction = m.create(new float[] {1, 4, 2, 4});
            float loss = new MeanSquaredError().evaluate(new NDList(label), new NDList(prediction)).getFloat();
            assertEquals((0 + 4 + 1 + 0) / 4f, loss, 1e-6);
        }
    }

    @Test
    void labelsWithTheSameNumberOfElementsAreReshaped() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray label = m.create(new float[] {1, 2, 3});
            NDArray prediction = m.create(new float[] {2, 2, 2}, new Shape(3, 1));
            float loss = new MeanSquaredError().evaluate(new NDList(label), new NDList(prediction)).getFloat();
            assertEquals(2f / 3f, loss, 1e-6);
        }
    }

    @Test
    void mismatchedShapesAreNamed() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray label = m.create(new float[] {1, 2, 3});
            NDArray prediction = m.zeros(new Shape(2, 2));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new MeanSquaredError().evaluate(new NDList(label), new NDList(prediction)));
            assertTrue(e.getMessage().contains("prediction shape (2, 2) does not match label shape (3)"), e.getMessage());
        }
    }

    @Test
    void hasTheGivenName() {
        assertEquals("noise mse", new MeanSquaredError("noise mse").getName());
        assertEquals("mse", new MeanSquaredError().getName());
    }

    /**
     * The gradient stays right when the garbage collector runs between the forward and the backward
     * pass: the situation in which DJL's L2Loss (a multiplication by a Java number) goes wrong.
     */
    @Test
    void gradientsSurviveGarbageCollectionBetweenForwardAndBackward() {
        int wrong = 0;
        try (NDManager m = NDManager.newBaseManager()) {
            for (int round = 0; round < 30; round++) {
                try (NDManager step = m.newSubManager()) {
                    NDArray w = step.ones(new Shape(1000)).mul(3f);
                    NDArray target = step.ones(new Shape(1000));
                    w.setRequiresGradient(true);
                    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                        NDArray loss = new MeanSquaredError().evaluate(new NDList(target), new NDList(w));
                        GradientsUnderGarbageCollectionTest.pressureTheGarbageCollector();
                        collector.backward(loss);
                    }
                    float expected = 2f * (3f - 1f) / 1000f;
                    float mean = w.getGradient().mean().getFloat();
                    if (Math.abs(mean - expected) > 1e-7) {
                        wrong++;
                    }
                }
            }
        }
        assertEquals(0, wrong, wrong + " of 30 gradients were wrong after a garbage collection");
    }
}
