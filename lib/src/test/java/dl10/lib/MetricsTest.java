package dl10.lib;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class MetricsTest {

    @Test
    void accuracyAndConfusionMatrix() {
        int[] truth = {0, 1, 2, 2, 1};
        int[] pred = {0, 2, 2, 2, 1};
        assertEquals(0.8, Metrics.accuracy(truth, pred), 1e-12);
        int[][] cm = Metrics.confusionMatrix(truth, pred, 3);
        assertArrayEquals(new int[] {1, 0, 0}, cm[0]);
        assertArrayEquals(new int[] {0, 1, 1}, cm[1]);
        assertArrayEquals(new int[] {0, 0, 2}, cm[2]);
    }

    @Test
    void badInputsAreExplained() {
        assertEquals("truth has 2 labels but predicted has 1",
                assertThrows(IllegalArgumentException.class, () -> Metrics.accuracy(new int[2], new int[1])).getMessage());
        assertEquals("no samples: truth and predicted are empty",
                assertThrows(IllegalArgumentException.class, () -> Metrics.accuracy(new int[0], new int[0])).getMessage());
        assertEquals("sample 1 has truth 3 and prediction 0 but classes are 0..2",
                assertThrows(IllegalArgumentException.class,
                        () -> Metrics.confusionMatrix(new int[] {0, 3}, new int[] {0, 0}, 3)).getMessage());
        assertEquals("confusion matrix needs at least 1 class, got 0",
                assertThrows(IllegalArgumentException.class,
                        () -> Metrics.confusionMatrix(new int[] {0}, new int[] {0}, 0)).getMessage());
    }

    @Test
    void argmaxLabelsAndAccuracyOfNdArrays() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray scores = m.create(new float[] {0.1f, 0.9f, 0, 3, 1, 2, 0, 0, 5}, new Shape(3, 3));
            assertArrayEquals(new int[] {1, 0, 2}, Metrics.argmax(scores));
            NDArray labels = m.create(new float[] {1, 1, 2});
            assertArrayEquals(new int[] {1, 1, 2}, Metrics.labels(labels));
            assertArrayEquals(new int[] {1, 1, 2}, Metrics.labels(labels.reshape(3, 1)));
            assertEquals(2.0 / 3, Metrics.accuracy(scores, labels), 1e-12);
            assertEquals("argmax expects scores of shape (samples, classes), got (9)",
                    assertThrows(IllegalArgumentException.class, () -> Metrics.argmax(scores.reshape(9))).getMessage());
            assertEquals("labels must hold one class per sample, got shape (3, 3)",
                    assertThrows(IllegalArgumentException.class, () -> Metrics.labels(scores)).getMessage());
        }
    }

    @Test
    void predictionsAndAccuracyOfATrainerLeaveNoArraysBehind() {
        try (NDManager m = NDManager.newBaseManager();
             ai.djl.Model model = ai.djl.Model.newInstance("metrics")) {
            model.setBlock(ai.djl.nn.core.Linear.builder().setUnits(2).build());
            try (ai.djl.training.Trainer trainer = model.newTrainer(
                    new ai.djl.training.DefaultTrainingConfig(ai.djl.training.loss.Loss.softmaxCrossEntropyLoss()))) {
                trainer.initialize(new Shape(1, 2));
                // weights that copy the input: the class is the larger of the two features
                model.getBlock().getParameters().get("weight").getArray().set(new float[] {1, 0, 0, 1});
                model.getBlock().getParameters().get("bias").getArray().set(new float[] {0, 0});
                NDArray x = m.create(new float[] {3, 1, 0, 2, 5, 4}, new Shape(3, 2));
                NDArray y = m.create(new float[] {0, 1, 1});
                int before = m.getManagedArrays().size();
                assertArrayEquals(new int[] {0, 1, 0}, Metrics.predictions(trainer, x));
                assertEquals(2.0 / 3, Metrics.accuracy(trainer, x, y), 1e-12);
                assertEquals(before, m.getManagedArrays().size(), "evaluation left arrays in the data's manager");
                // a pass per 2 samples (the last one smaller) predicts the same as one pass over all
                assertArrayEquals(new int[] {0, 1, 0}, Metrics.predictions(trainer, x, 2));
                assertArrayEquals(new int[] {0, 1, 0}, Metrics.predictions(trainer, x, 1));
                assertEquals(before, m.getManagedArrays().size(), "a batched evaluation left arrays behind");
                assertEquals("evaluation batch size must be >= 1, got 0",
                        assertThrows(IllegalArgumentException.class, () -> Metrics.predictions(trainer, x, 0)).getMessage());
                assertEquals("truth has 2 labels but predicted has 3",
                        assertThrows(IllegalArgumentException.class,
                                () -> Metrics.accuracy(trainer, x, m.create(new float[] {0, 1}))).getMessage());
            }
        }
    }

    @Test
    void nearestDistancesFindTheClosestReferenceRowAndLeaveNothingBehind() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray reference = m.create(new float[] {0, 0, 3, 4, 10, 0}, new Shape(3, 2));
            int[] nearest = new int[2];
            double[] d = Metrics.nearestDistances(reference, new float[][] {{3, 4}, {9, 0}}, nearest);
            assertArrayEquals(new double[] {0, 1}, d, 1e-5, "a copy of row 1 is at 0; (9, 0) is 1 from row 2");
            assertArrayEquals(new int[] {1, 2}, nearest);
            assertArrayEquals(new double[] {5}, Metrics.nearestDistances(reference, new float[][] {{0, -5}}, null), 1e-5,
                    "(0, -5) is 5 from row 0, its nearest; no index array needed");
            assertEquals(1, m.getManagedArrays().size(), "the pass's arrays are freed with its scratch manager");
        }
    }

    @Test
    void nearestDistancesRejectBadInputWithTheReason() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray reference = m.create(new float[6], new Shape(3, 2));
            assertEquals("nearestDistances: no queries", assertThrows(IllegalArgumentException.class,
                    () -> Metrics.nearestDistances(reference, new float[0][], null)).getMessage());
            assertEquals("nearestDistances: query 1 has 3 values but the reference rows have 2",
                    assertThrows(IllegalArgumentException.class,
                            () -> Metrics.nearestDistances(reference, new float[][] {{0, 0}, {0, 0, 0}}, null)).getMessage());
            assertEquals("nearestDistances: nearestIndex has room for 1 indices but there are 2 queries",
                    assertThrows(IllegalArgumentException.class,
                            () -> Metrics.nearestDistances(reference, new float[][] {{0, 0}, {1, 1}}, new int[1])).getMessage());
            String shape = assertThrows(IllegalArgumentException.class,
                    () -> Metrics.nearestDistances(m.create(new float[8], new Shape(2, 2, 2)), new float[][] {{0, 0}}, null)).getMessage();
            assertEquals("nearestDistances: the reference must have shape (N, D), got (2, 2, 2); flatten images first (ImageSet.flat)", shape);
        }
    }
}
