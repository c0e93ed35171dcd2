package dl10.lib;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import java.util.Random;

/**
 * Splits a dataset held as two NDArrays (features x and labels y, samples along the first axis)
 * into mini batches: each epoch draws a permutation from the given seeded Random (or keeps the
 * order), and each batch gathers its rows into the batch's own NDManager. The last, smaller batch
 * is kept.
 */
public final class Batches {

    private final NDArray x;
    private final NDArray y;
    private final int batchSize;
    private final int samples;
    private final boolean shuffle;

    private Batches(NDArray x, NDArray y, int batchSize, boolean shuffle) {
        this.x = x;
        this.y = y;
        this.batchSize = batchSize;
        this.samples = (int) x.getShape().get(0);
        this.shuffle = shuffle;
    }

    /**
     * Batches over x and y: both must have the same number of samples along the first axis, at
     * least one sample, and batchSize must be positive.
     */
    public static Batches of(NDArray x, NDArray y, int batchSize, boolean shuffle) {
        if (x == null || y == null) {
            throw new IllegalArgumentException("the dataset needs features x and labels y; got "
                    + (x == null ? "no x" : "x") + " and " + (y == null ? "no y" : "y"));
        }
        if (x.getShape().dimension() == 0 || y.getShape().dimension() == 0) {
            throw new IllegalArgumentException("x and y need a first axis of samples; got x of shape "
                    + x.getShape() + " and y of shape " + y.getShape());
        }
        long n = x.getShape().get(0);
        if (n != y.getShape().get(0)) {
            throw new IllegalArgumentException("x and y must have the same number of samples (first axis): x has shape "
                    + x.getShape() + " but y has shape " + y.getShape());
        }
        if (n == 0) {
            throw new IllegalArgumentException("the dataset is empty: x has shape " + x.getShape()
                    + "; check that the data was loaded");
        }
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("too many samples for one dataset: " + n);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        return new Batches(x, y, batchSize, shuffle);
    }

    /** Number of samples. */
    public int samples() {
        return samples;
    }

    /** Number of batches per epoch (the last one may be smaller). */
    public int count() {
        return (samples + batchSize - 1) / batchSize;
    }

    /** The order of the samples for one epoch: a permutation drawn from rng, or 0..n-1 without shuffling. */
    public long[] order(Random rng) {
        long[] order = new long[samples];
        for (int i = 0; i < samples; i++) {
            order[i] = i;
        }
        if (shuffle) {
            for (int i = samples - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                long t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        return order;
    }

    /**
     * Batch number {@code index} (0-based) of an epoch with the given order, its arrays created in
     * the given manager.
     */
    public MiniBatch batch(NDManager manager, long[] order, int index, int epoch) {
        if (index < 0 || index >= count()) {
            throw new IndexOutOfBoundsException("batch " + index + " of " + count());
        }
        int from = index * batchSize;
        int to = Math.min(samples, from + batchSize);
        NDArray bx;
        NDArray by;
        if (shuffle) {
            long[] ids = new long[to - from];
            System.arraycopy(order, from, ids, 0, ids.length);
            NDIndex rows = new NDIndex("{}", manager.create(ids));
            bx = x.get(manager, rows);
            by = y.get(manager, rows);
        } else {
            NDIndex rows = new NDIndex(from + ":" + to);
            bx = x.get(manager, rows);
            by = y.get(manager, rows);
        }
        return new MiniBatch(bx, by, epoch, index + 1, manager);
    }
}
