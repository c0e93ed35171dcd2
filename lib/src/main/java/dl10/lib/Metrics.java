package dl10.lib;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.Trainer;

/**
 * Classification measures on plain arrays: accuracy, the confusion matrix, and the row-wise
 * argmax that turns a model's scores (an NDArray of shape (samples, classes)) into predicted
 * class numbers.
 */
public final class Metrics {

    private Metrics() {
    }

    /** Fraction of predictions equal to the truth (both of the same length, at least one). */
    public static double accuracy(int[] truth, int[] predicted) {
        checkLengths(truth, predicted);
        int right = 0;
        for (int i = 0; i < truth.length; i++) {
            if (truth[i] == predicted[i]) {
                right++;
            }
        }
        return (double) right / truth.length;
    }

    /**
     * counts[t][p] = number of samples of true class t predicted as p, for classes 0..classes-1.
     */
    public static int[][] confusionMatrix(int[] truth, int[] predicted, int classes) {
        checkLengths(truth, predicted);
        if (classes < 1) {
            throw new IllegalArgumentException("confusion matrix needs at least 1 class, got " + classes);
        }
        int[][] counts = new int[classes][classes];
        for (int i = 0; i < truth.length; i++) {
            int t = truth[i];
            int p = predicted[i];
            if (t < 0 || t >= classes || p < 0 || p >= classes) {
                throw new IllegalArgumentException("sample " + i + " has truth " + t + " and prediction " + p
                        + " but classes are 0.." + (classes - 1));
            }
            counts[t][p]++;
        }
        return counts;
    }

    /** The index of the largest value in each row of a (samples, classes) NDArray. */
    public static int[] argmax(NDArray scores) {
        if (scores.getShape().dimension() != 2) {
            throw new IllegalArgumentException("argmax expects scores of shape (samples, classes), got "
                    + scores.getShape());
        }
        try (NDArray idx = scores.argMax(1); NDArray ints = idx.toType(DataType.INT32, false)) {
            return ints.toIntArray();
        }
    }

    /** Class labels held in an NDArray of any integer or float type, as int[] (shape (samples) or (samples, 1)). */
    public static int[] labels(NDArray labels) {
        if (labels.getShape().size() != labels.getShape().get(0)) {
            throw new IllegalArgumentException("labels must hold one class per sample, got shape " + labels.getShape());
        }
        try (NDArray ints = labels.toType(DataType.INT32, false)) {
            return ints.toIntArray();
        }
    }

    /** Accuracy of a model's scores (samples, classes) against labels (samples): argmax, then compare. */
    public static double accuracy(NDArray scores, NDArray labels) {
        return accuracy(labels(labels), argmax(scores));
    }

    /** Samples per forward pass in {@link #predictions(Trainer, NDArray)}. */
    public static final int EVALUATION_CHUNK = 256;

    /**
     * The classes a trained network predicts for the samples x (samples along the first axis): forward
     * passes in evaluation mode over chunks of at most {@value #EVALUATION_CHUNK} samples, then argmax.
     * Each chunk's arrays live in a scratch manager closed before the next chunk, so memory is bounded
     * by one chunk's activations whatever the size of x (a deep network keeps every intermediate
     * array of a pass until its manager closes), and evaluating after every epoch does not grow memory.
     */
    public static int[] predictions(Trainer trainer, NDArray x) {
        long n = x.getShape().get(0);
        int[] out = new int[Math.toIntExact(n)];
        for (long start = 0; start < n; start += EVALUATION_CHUNK) {
            long end = Math.min(n, start + EVALUATION_CHUNK);
            try (NDManager scratch = x.getManager().newSubManager()) {
                NDArray chunk = start == 0 && end == n ? x : x.get(start + ":" + end);
                if (chunk == x) {
                    x.tempAttach(scratch);
                } else {
                    chunk.attach(scratch);
                }
                int[] part = argmax(trainer.evaluate(new NDList(chunk)).singletonOrThrow());
                System.arraycopy(part, 0, out, (int) start, part.length);
            }
        }
        return out;
    }

    /** Accuracy of a trained network on samples x with labels y (see {@link #predictions(Trainer, NDArray)}). */
    public static double accuracy(Trainer trainer, NDArray x, NDArray y) {
        int[] predicted = predictions(trainer, x);
        return accuracy(labels(y), predicted);
    }

    private static void checkLengths(int[] truth, int[] predicted) {
        if (truth.length != predicted.length) {
            throw new IllegalArgumentException("truth has " + truth.length + " labels but predicted has "
                    + predicted.length);
        }
        if (truth.length == 0) {
            throw new IllegalArgumentException("no samples: truth and predicted are empty");
        }
    }
}
