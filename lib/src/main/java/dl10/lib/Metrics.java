package dl10.lib;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.Trainer;

/**
 * Classification measures on plain arrays: accuracy, the confusion matrix, and the row-wise
 * argmax that turns a model's scores (an NDArray of shape (samples, classes)) into predicted
 * class numbers; and, for generative models, the distance from each sample to its nearest
 * training example.
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

    /**
     * Samples per forward pass in {@link #predictions(Trainer, NDArray)}: a pass keeps every
     * intermediate array until its manager closes, so evaluating 2,000 MNIST images at once held
     * about 300 MB of activations in a small ResNet; 256 at a time keep that under 40 MB.
     */
    public static final int EVALUATION_BATCH = 256;

    /**
     * The classes a trained network predicts for the samples x (samples along the first axis): forward
     * passes in evaluation mode over {@value #EVALUATION_BATCH} samples at a time, then argmax. Each
     * pass's arrays live in a scratch manager closed right after it, so evaluating after every epoch
     * neither grows memory nor holds the activations of the whole set at once.
     */
    public static int[] predictions(Trainer trainer, NDArray x) {
        return predictions(trainer, x, EVALUATION_BATCH);
    }

    /** As {@link #predictions(Trainer, NDArray)}, with {@code batchSize} samples per forward pass (at least 1). */
    public static int[] predictions(Trainer trainer, NDArray x, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("evaluation batch size must be >= 1, got " + batchSize);
        }
        if (x.getShape().dimension() == 0) {
            throw new IllegalArgumentException("x needs a first axis of samples; got shape " + x.getShape());
        }
        long n = x.getShape().get(0);
        int[] predicted = new int[Math.toIntExact(n)];
        for (long from = 0; from < n; from += batchSize) {
            long to = Math.min(n, from + batchSize);
            try (NDManager scratch = x.getManager().newSubManager()) {
                NDArray part = from == 0 && to == n ? x : x.get(scratch, new NDIndex().addSliceDim(from, to));
                boolean whole = part == x;
                if (whole) {
                    x.tempAttach(scratch);
                }
                int[] p = argmax(trainer.evaluate(new NDList(part)).singletonOrThrow());
                System.arraycopy(p, 0, predicted, (int) from, p.length);
            }
        }
        return predicted;
    }

    /** Accuracy of a trained network on samples x with labels y (see {@link #predictions(Trainer, NDArray)}). */
    public static double accuracy(Trainer trainer, NDArray x, NDArray y) {
        int[] predicted = predictions(trainer, x);
        return accuracy(labels(y), predicted);
    }

    /**
     * Euclidean distance from each query to its nearest row of {@code reference}: how far a generated
     * sample lies from the closest training example (a copy would be at 0). Computed for all pairs at
     * once as ||q||² + ||x||² − 2 q·x, in a scratch manager under the reference's manager.
     *
     * @param reference    the training examples, shape (N, D), on the queries' scale (for images: pixels in 0..1)
     * @param queries      the samples, each a row of D values
     * @param nearestIndex null, or an array of at least {@code queries.length} entries that receives the row
     *                     of {@code reference} nearest to each query
     * @return one distance per query (squared distances below 0 from rounding count as 0)
     * @throws IllegalArgumentException if there are no queries, a query's length is not D, the reference is
     *                                  not two-dimensional, or {@code nearestIndex} is too short
     */
    public static double[] nearestDistances(NDArray reference, float[][] queries, int[] nearestIndex) {
        if (reference.getShape().dimension() != 2) {
            throw new IllegalArgumentException("nearestDistances: the reference must have shape (N, D), got "
                    + reference.getShape() + "; flatten images first (ImageSet.flat)");
        }
        long width = reference.getShape().get(1);
        if (queries.length == 0) {
            throw new IllegalArgumentException("nearestDistances: no queries");
        }
        for (int i = 0; i < queries.length; i++) {
            if (queries[i].length != width) {
                throw new IllegalArgumentException("nearestDistances: query " + i + " has " + queries[i].length
                        + " values but the reference rows have " + width);
            }
        }
        if (nearestIndex != null && nearestIndex.length < queries.length) {
            throw new IllegalArgumentException("nearestDistances: nearestIndex has room for " + nearestIndex.length
                    + " indices but there are " + queries.length + " queries");
        }
        try (NDManager scratch = reference.getManager().newSubManager()) {
            reference.tempAttach(scratch);          // what the pass makes from it lands in scratch; it returns after
            NDArray q = scratch.create(queries);
            NDArray d2 = q.square().sum(new int[] {1}, true).add(reference.square().sum(new int[] {1}).expandDims(0))
                    .sub(q.matMul(reference.transpose()).mul(2f));
            if (nearestIndex != null) {
                long[] idx = d2.argMin(1).toLongArray();
                for (int i = 0; i < idx.length; i++) {
                    nearestIndex[i] = (int) idx[i];
                }
            }
            float[] m = d2.min(new int[] {1}).toFloatArray();
            double[] d = new double[m.length];
            for (int i = 0; i < m.length; i++) {
                d[i] = Math.sqrt(Math.max(0, m[i]));
            }
            return d;
        }
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
