package dl10.lib;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LinearProbeTest {

    /** Three classes around different centres in 5-d, with one column on a much larger scale. */
    static float[] blobs(int n, int[] labels, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n * 5];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3;
            for (int j = 0; j < 5; j++) {
                x[i * 5 + j] = (float) ((j == labels[i] ? 2.0 : 0.0) + 0.5 * r.nextGaussian());
            }
            x[i * 5 + 4] *= 1000;                                   // standardisation must handle it
        }
        return x;
    }

    @Test
    void separatesClassesThatAreLinearlySeparable() {
        try (NDManager m = NDManager.newBaseManager()) {
            int[] yTrain = new int[60];
            int[] yTest = new int[300];
            NDArray train = m.create(blobs(60, yTrain, 1), new Shape(60, 5));
            NDArray test = m.create(blobs(300, yTest, 2), new Shape(300, 5));
            float[] before = train.toFloatArray();
            double accuracy = LinearProbe.accuracy(train, yTrain, test, yTest, 200);
            assertTrue(accuracy > 0.95, "accuracy " + accuracy);
            assertArrayEquals(before, train.toFloatArray(), "the caller's features are unchanged");
            assertEquals(m, train.getManager(), "the caller's features stay in their manager");
            assertEquals(accuracy, LinearProbe.accuracy(train, yTrain, test, yTest, 200), 0, "no seed: the same result twice");
        }
    }

    @Test
    void featuresWithoutInformationGiveAboutChance() {
        try (NDManager m = NDManager.newBaseManager()) {
            int[] yTrain = new int[90];
            int[] yTest = new int[900];
            for (int i = 0; i < yTrain.length; i++) {
                yTrain[i] = i % 3;
            }
            for (int i = 0; i < yTest.length; i++) {
                yTest[i] = i % 3;
            }
            NDArray train = m.randomNormal(new Shape(90, 5));
            NDArray test = m.randomNormal(new Shape(900, 5));
            double accuracy = LinearProbe.accuracy(train, yTrain, test, yTest, 100);
            assertTrue(accuracy > 0.25 && accuracy < 0.42, "accuracy " + accuracy);
        }
    }

    @Test
    void badInputIsExplained() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.zeros(new Shape(4, 3));
            NDArray wide = m.zeros(new Shape(4, 2));
            int[] y = {0, 1, 0, 1};
            assertEquals("the training features have 4 rows but there are 3 training labels; give one label per row",
                    assertThrows(IllegalArgumentException.class,
                            () -> LinearProbe.accuracy(x, new int[] {0, 1, 0}, x, y, 10)).getMessage());
            assertEquals("the test features must have shape (samples, features), got (12)",
                    assertThrows(IllegalArgumentException.class,
                            () -> LinearProbe.accuracy(x, y, x.reshape(12), y, 10)).getMessage());
            assertEquals("the training features have 3 columns but the test features 2; compute both with the same encoder",
                    assertThrows(IllegalArgumentException.class, () -> LinearProbe.accuracy(x, y, wide, y, 10)).getMessage());
            assertEquals("test label 2 is -1; classes are numbered from 0",
                    assertThrows(IllegalArgumentException.class,
                            () -> LinearProbe.accuracy(x, y, x, new int[] {0, 1, -1, 0}, 10)).getMessage());
            assertEquals("the probe needs at least 1 training step, got 0",
                    assertThrows(IllegalArgumentException.class, () -> LinearProbe.accuracy(x, y, x, y, 0)).getMessage());
            assertEquals("the training features and labels must be given",
                    assertThrows(IllegalArgumentException.class, () -> LinearProbe.accuracy(null, y, x, y, 1)).getMessage());
        }
    }
}
