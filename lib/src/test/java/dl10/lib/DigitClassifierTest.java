package dl10.lib;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DigitClassifierTest {

    static ImageSet test;
    static DigitClassifier judge;

    @BeforeAll
    static void trainOnce() {
        // 3,000 training digits (300 per class, in file order), one epoch: enough to test the behaviour quickly
        ImageSet all = Datasets.mnist(Part.TRAIN);
        int[] perClass = new int[10];
        int[] keep = new int[3000];
        int n = 0;
        for (int i = 0; i < all.size() && n < keep.length; i++) {
            if (perClass[all.label(i)]++ < 300) {
                keep[n++] = i;
            }
        }
        test = Datasets.mnist(Part.TEST);
        judge = DigitClassifier.train(all.subset(keep), 1, 1);
    }

    @AfterAll
    static void free() {
        judge.close();
    }

    static float[][] rows(ImageSet set, int n) {
        float[][] r = new float[n][];
        for (int i = 0; i < n; i++) {
            r[i] = set.pixels(i);
        }
        return r;
    }

    @Test
    void recognisesRealDigitsAndRejectsNoise() {
        assertTrue(judge.accuracy(test) > 0.85, "test accuracy " + judge.accuracy(test));
        DigitClassifier.Score real = judge.score(test);
        assertTrue(real.confidentShare() > 0.5, real.toString());
        assertEquals(10, real.classesPresent(), real.toString());
        Random r = new Random(1);
        float[][] noise = new float[200][784];
        for (float[] row : noise) {
            for (int k = 0; k < row.length; k++) {
                row[k] = r.nextFloat();
            }
        }
        DigitClassifier.Score rejected = judge.score(noise);
        assertTrue(rejected.confidentShare() < 0.05, rejected.toString());
        assertTrue(rejected.rejectedShare() > 0.9, rejected.toString());
    }

    @Test
    void scoreCountsAddUp() {
        float[][] digits = rows(test, 300);
        DigitClassifier.Score s = judge.score(digits);
        assertEquals(300, s.samples());
        assertEquals(10, s.classes());
        assertEquals(3, s.minimumCount(), "1 % of 300 samples");
        int confident = Arrays.stream(s.confidentCounts()).sum();
        assertEquals(s.confidentShare(), confident / 300.0, 1e-12);
        int predicted = Arrays.stream(s.predictedCounts()).sum();
        assertEquals(300, predicted + (int) Math.round(s.rejectedShare() * 300));
        for (int c = 0; c < 10; c++) {
            assertTrue(s.confidentCounts()[c] <= s.predictedCounts()[c]);
        }
        long present = Arrays.stream(s.confidentCounts()).filter(c -> c >= 3).count();
        assertEquals(present, s.classesPresent());
        assertTrue(s.toString().startsWith(String.format("%.1f %% of 300 samples labelled with confidence >= 0.9",
                100 * s.confidentShare())), s.toString());
    }

    @Test
    void probabilitiesHaveOneColumnPerClassPlusNotADigitAndSumToOne() {
        float[][] p = judge.probabilities(rows(test, 5));
        assertEquals(5, p.length);
        for (float[] row : p) {
            assertEquals(11, row.length);
            double sum = 0;
            for (float v : row) {
                sum += v;
            }
            assertEquals(1.0, sum, 1e-4);
        }
    }

    @Test
    void sameSeedSameClassifier() {
        ImageSet small = Datasets.mnist(Part.TRAIN).first(500);
        try (DigitClassifier a = DigitClassifier.train(small, 1, 5); DigitClassifier b = DigitClassifier.train(small, 1, 5)) {
            float[][] x = rows(test, 3);
            assertArrayEquals(a.probabilities(x)[2], b.probabilities(x)[2], 1e-6f);
        }
    }

    @Test
    void blurKeepsTheSizeAndAveragesNeighbours() {
        float[] p = new float[9];
        p[4] = 9;
        float[] q = DigitClassifier.blur(p, 3, 3);
        assertEquals(9, q.length);
        assertEquals(1f, q[4], 1e-6f);      // centre: mean of 9 pixels
        assertEquals(9f / 4, q[0], 1e-6f);  // corner: mean of its 4 pixels inside the image
    }

    @Test
    void badInputIsExplained() {
        assertEquals("DigitClassifier.train: no training images; pass e.g. Datasets.mnist(Part.TRAIN)",
                assertThrows(IllegalArgumentException.class, () -> DigitClassifier.train(null, 1, 1)).getMessage());
        ImageSet small = Datasets.mnist(Part.TEST).first(20);
        assertEquals("DigitClassifier.train: epochs must be at least 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> DigitClassifier.train(small, 0, 1)).getMessage());
        ImageSet tiny = ImageSet.of(new float[2 * 16], new int[] {0, 1}, 4, 4, new String[] {"a", "b"});
        assertEquals("DigitClassifier.train: images of 4x4 pixels are too small for two 2x2 poolings; give images of at least 8x8",
                assertThrows(IllegalArgumentException.class, () -> DigitClassifier.train(tiny, 1, 1)).getMessage());
        ImageSet oneClass = ImageSet.of(new float[2 * 64], new int[] {0, 0}, 8, 8, new String[] {"a"});
        assertEquals("DigitClassifier.train: the set has 1 class; a classifier needs at least 2",
                assertThrows(IllegalArgumentException.class, () -> DigitClassifier.train(oneClass, 1, 1)).getMessage());

        assertEquals("DigitClassifier: no images given; pass one row of 784 pixels per image",
                assertThrows(IllegalArgumentException.class, () -> judge.score(new float[0][])).getMessage());
        assertEquals("DigitClassifier: image 1 has 64 pixels, expected 28x28 = 784 (the size of the training images)",
                assertThrows(IllegalArgumentException.class, () -> judge.score(new float[][] {new float[784], new float[64]}))
                        .getMessage());
        float[] tanhOutput = new float[784];
        tanhOutput[10] = -0.8f;
        assertEquals("DigitClassifier: image 0, pixel 10 is -0.8; pixels must lie in 0..1 (a generator with a tanh output"
                        + " gives -1..1: map it with (x + 1) / 2 and clip)",
                assertThrows(IllegalArgumentException.class, () -> judge.score(new float[][] {tanhOutput})).getMessage());
        float[] nan = new float[784];
        nan[0] = Float.NaN;
        assertTrue(assertThrows(IllegalArgumentException.class, () -> judge.probabilities(new float[][] {nan}))
                .getMessage().startsWith("DigitClassifier: image 0, pixel 0 is NaN"));
        assertEquals("DigitClassifier: no images given",
                assertThrows(IllegalArgumentException.class, () -> judge.accuracy(null)).getMessage());
    }

    @Test
    void aClosedClassifierSaysSo() {
        DigitClassifier c = DigitClassifier.train(Datasets.mnist(Part.TEST).first(100), 1, 2);
        c.close();
        c.close();   // closing twice is harmless
        assertEquals("DigitClassifier: this classifier was closed; train a new one",
                assertThrows(IllegalStateException.class, () -> c.score(new float[][] {new float[784]})).getMessage());
    }
}
