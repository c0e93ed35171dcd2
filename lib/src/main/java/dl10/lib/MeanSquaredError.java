package dl10.lib;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * The mean squared error, mean((prediction - label)^2), as a DJL {@link Loss} for regression lessons
 * (forecasting, GAN least-squares, diffusion's noise prediction). Use it instead of DJL's
 * {@code Loss.l2Loss()}: that loss multiplies by its weight (1/2) through {@code NDArray.mul(Number)},
 * and in DJL 0.35 with PyTorch such a scalar is a zero-copy tensor over a Java buffer that is freed
 * when the garbage collector runs, while the backward pass still reads it, so some gradients come out
 * as Inf, 0 or NaN. This loss uses only array-by-array operations, which keep their inputs alive.
 * Note it has no factor 1/2, so its gradient is twice the L2 loss's (Adam does not mind).
 */
public final class MeanSquaredError extends Loss {

    /** A loss named "mse". */
    public MeanSquaredError() {
        this("mse");
    }

    /** A loss with the given name (shown in the training history). */
    public MeanSquaredError(String name) {
        super(name);
    }

    /**
     * The mean over all elements of the squared difference between the single label and the single
     * prediction; their shapes must match or the error names both.
     */
    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray label = labels.singletonOrThrow();
        NDArray prediction = predictions.singletonOrThrow();
        if (!label.getShape().equals(prediction.getShape())) {
            if (label.getShape().size() != prediction.getShape().size()) {
                throw new IllegalArgumentException("mean squared error: prediction shape " + prediction.getShape()
                        + " does not match label shape " + label.getShape()
                        + "; reshape the labels or change the network's output size");
            }
            label = label.reshape(prediction.getShape());
        }
        return prediction.sub(label).square().mean();
    }
}
