package dl10.lib;

/**
 * Thrown by {@link TrainingLoop} when its thread was interrupted (the notebook's stop button): it
 * says at which epoch and batch training stopped and keeps the history of the finished epochs.
 * The model keeps the parameters it had reached.
 */
public final class TrainingInterruptedException extends RuntimeException {

    private final transient TrainingHistory history;
    private final int epoch;
    private final int batch;

    TrainingInterruptedException(int epoch, int batch, TrainingHistory history) {
        super("training stopped at epoch " + epoch + ", batch " + batch + "; the history so far is kept ("
                + history.epochs() + " finished epoch" + (history.epochs() == 1 ? "" : "s")
                + ", see getHistory())");
        this.history = history;
        this.epoch = epoch;
        this.batch = batch;
    }

    /** The history of the epochs that finished before the interruption. */
    public TrainingHistory getHistory() {
        return history;
    }

    /** The epoch during which training stopped (1-based). */
    public int getEpoch() {
        return epoch;
    }

    /** The batch at which training stopped (1-based; the batch had not started). */
    public int getBatch() {
        return batch;
    }
}
