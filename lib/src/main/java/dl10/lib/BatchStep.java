package dl10.lib;

import ai.djl.ndarray.NDArray;

/**
 * A lesson's training step: forward pass, loss, backward pass and parameter update for one mini
 * batch, returning the loss array (a scalar, or one value per name given to
 * {@link TrainingLoop#losses}). Returning null means "no loss this step" (e.g. a replay buffer
 * still filling up); such steps are left out of the epoch's mean loss.
 */
@FunctionalInterface
public interface BatchStep {

    /** Trains on one batch and returns its loss (owned by the batch's manager or any other). */
    NDArray step(MiniBatch batch) throws Exception;
}
