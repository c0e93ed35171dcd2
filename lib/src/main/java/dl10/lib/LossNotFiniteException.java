package dl10.lib;

/**
 * Thrown by {@link TrainingLoop} when the loss became NaN or infinite. The loss is read only at a
 * few checkpoints (not after every batch, to keep training fast), so the message names the epoch
 * and the range of batches in which it happened, and suggests what to try.
 */
public final class LossNotFiniteException extends ArithmeticException {

    private final transient TrainingHistory history;

    LossNotFiniteException(String lossName, float value, int epoch, int fromBatch, int toBatch,
                           TrainingHistory history) {
        super("the " + lossName + " became " + value + " in epoch " + epoch + (fromBatch == toBatch
                ? " at batch " + toBatch : " between batch " + fromBatch + " and batch " + toBatch)
                + "; try a lower learning rate (e.g. 10 times smaller), check that"
                + " the inputs are scaled (standardized) and contain no NaN, and that the labels are valid");
        this.history = history;
    }

    /** The history of the epochs that finished before the loss diverged. */
    public TrainingHistory getHistory() {
        return history;
    }
}
