package dl10.lib;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Supervised pairs cut from a time series for one-step-ahead forecasting: input k is the
 * {@code window} values series[k .. k+window-1] and its target is the next value
 * series[k+window]. As arrays the inputs are batch-first (N, window, 1), the layout of a DJL
 * {@code LSTM} built with {@code optBatchFirst(true)}, and the targets are (N, 1).
 */
public final class SeriesWindows {
    private final float[][] inputs;
    private final float[] targets;

    private SeriesWindows(float[][] inputs, float[] targets) {
        this.inputs = inputs;
        this.targets = targets;
    }

    /** All windows of length {@code window} (>= 1) that have a next value: series.length - window pairs. */
    public static SeriesWindows of(float[] series, int window) {
        if (window < 1) {
            throw new IllegalArgumentException("SeriesWindows.of: window must be at least 1, got " + window);
        }
        if (series.length <= window) {
            throw new IllegalArgumentException("SeriesWindows.of: a series of " + series.length + " values has no window of "
                    + window + " followed by a target; use a window shorter than " + series.length);
        }
        int n = series.length - window;
        float[][] inputs = new float[n][];
        float[] targets = new float[n];
        for (int k = 0; k < n; k++) {
            inputs[k] = java.util.Arrays.copyOfRange(series, k, k + window);
            targets[k] = series[k + window];
        }
        return new SeriesWindows(inputs, targets);
    }

    /** Number of (window, target) pairs. */
    public int size() {
        return targets.length;
    }

    /** Length of each input window. */
    public int window() {
        return inputs[0].length;
    }

    /** The input windows, one row per pair (a copy). */
    public float[][] inputs() {
        float[][] out = new float[inputs.length][];
        for (int k = 0; k < out.length; k++) {
            out[k] = inputs[k].clone();
        }
        return out;
    }

    /** The value following each window (a copy). */
    public float[] targets() {
        return targets.clone();
    }

    /** The inputs as a float32 array of shape (N, window, 1). */
    public NDArray inputArray(NDManager manager) {
        int w = window();
        float[] flat = new float[inputs.length * w];
        for (int k = 0; k < inputs.length; k++) {
            System.arraycopy(inputs[k], 0, flat, k * w, w);
        }
        return manager.create(flat, new Shape(inputs.length, w, 1));
    }

    /** The targets as a float32 array of shape (N, 1). */
    public NDArray targetArray(NDManager manager) {
        return manager.create(targets, new Shape(targets.length, 1));
    }
}
