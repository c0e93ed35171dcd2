package dl10.lib;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * One training step's input: the batch features {@code x} and labels {@code y} (both null in a
 * loop without a dataset), the 1-based epoch and batch numbers, and the per-step NDManager that
 * owns the batch arrays. Arrays the step creates from x and y land in that manager too and are
 * released when the step returns; the loss array the step returns is read and then released as well.
 */
public record MiniBatch(NDArray x, NDArray y, int epoch, int batch, NDManager manager) {

    /** Number of samples in this batch (0 in a loop without a dataset). */
    public long size() {
        return x == null ? 0 : x.getShape().get(0);
    }
}
