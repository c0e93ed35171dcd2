package dl10.lib;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The operations the lessons use inside a {@code GradientCollector} in place of a Java number
 * ({@code maximum(0f)}, {@code minimum(1f)}, {@code mul(0.5f)}; lib/README.md, "A DJL pitfall") give the
 * same gradient whether or not the garbage collector runs between the forward and the backward pass.
 * Each case compares, 40 times, the gradient of sum(f(x)) over x = -499.5 .. 499.5 computed with a
 * collection forced before {@code backward} against the one computed without.
 */
class GradientsUnderGarbageCollectionTest {
    private static final int ROUNDS = 40;

    /** How many of ROUNDS gradients differ when a collection runs before backward. */
    static int wrongGradients(Function<NDArray, NDArray> f) {
        int wrong = 0;
        try (NDManager m = NDManager.newBaseManager()) {
            for (int round = 0; round < ROUNDS; round++) {
                try (NDManager step = m.newSubManager()) {
                    float[] pressed = gradient(step, f, true);
                    float[] quiet = gradient(step, f, false);
                    if (!Arrays.equals(pressed, quiet)) {
                        wrong++;
                    }
                }
            }
        }
        return wrong;
    }

    private static float[] gradient(NDManager m, Function<NDArray, NDArray> f, boolean collectFirst) {
        NDArray x = m.arange(-500f, 500f).add(0.5f);
        x.setRequiresGradient(true);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray y = f.apply(x).sum();
            if (collectFirst) {
                pressureTheGarbageCollector();
            }
            collector.backward(y);
        }
        return x.getGradient().toFloatArray();
    }

    /**
     * Fills the young generation, runs a full collection and allocates small direct buffers, so that the
     * memory of a freed Java buffer is likely to be reused (also used by {@link MeanSquaredErrorTest}).
     */
    static void pressureTheGarbageCollector() {
        byte[][] junk = new byte[100][];
        for (int k = 0; k < junk.length; k++) {
            junk[k] = new byte[100_000];
        }
        System.gc();
        for (int k = 0; k < 50; k++) {
            ByteBuffer.allocateDirect(64).putDouble(0, 1234.5);
        }
    }

    @Test
    void reluInsteadOfMaximumWithANumber() {
        assertEquals(0, wrongGradients(Activation::relu), "Activation.relu");
        assertEquals(0, wrongGradients(x -> Activation.leakyRelu(x, 0.2f)), "Activation.leakyRelu");
    }

    @Test
    void clipInsteadOfMinimumWithANumber() {
        assertEquals(0, wrongGradients(x -> x.clip(0f, 1f)), "clip(0f, 1f)");
        assertEquals(0, wrongGradients(x -> x.clip(0, Float.MAX_VALUE)), "clip(0, MAX_VALUE)");
    }

    @Test
    void arraysInsteadOfJavaNumbers() {
        assertEquals(0, wrongGradients(x -> x.maximum(x.getManager().zeros(x.getShape()))), "maximum(array)");
        assertEquals(0, wrongGradients(x -> x.mul(x.getManager().create(0.5f))), "mul(array)");
        assertEquals(0, wrongGradients(x -> x.add(1f).square()), "add(number) keeps nothing for backward");
    }
}
