package dl10.lib;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import java.util.ArrayList;
import java.util.List;

/**
 * An exponential moving average of a network's weights, kept in a second network of the same
 * architecture: after each training step {@link #update()} sets every averaged weight
 * {@code avg <- rho * avg + (1 - rho) * w}, where {@code w} is the trained network's weight and the
 * decay {@code rho = min(decay, (1 + m) / (10 + m))} after {@code m} updates, so that the average
 * follows quickly at first and ever more slowly later (the warm-up of TensorFlow's
 * {@code tf.train.ExponentialMovingAverage} with {@code num_updates}).
 *
 * <p>Sampling from the average rather than from the last weights smooths out the noise of the last
 * steps: Ho, Jain and Abbeel (2020, "Denoising Diffusion Probabilistic Models", appendix B) sample
 * their diffusion models from a moving average with decay 0.9999; Yazici et al. (2019, "The Unusual
 * Effectiveness of Averaging in GAN Training", ICLR) show it for GAN generators. The idea is
 * Polyak and Juditsky's (1992) averaging of stochastic-approximation iterates.
 *
 * <p>Both networks must be initialised (same parameter names, order and shapes). The average starts as
 * a copy of the trained network. The average's arrays are updated in place; the object holds no arrays
 * of its own, so there is nothing to close.
 */
public final class WeightAverage {
    private final List<NDArray> trained = new ArrayList<>();
    private final List<NDArray> averaged = new ArrayList<>();
    private final double decay;
    private int updates;

    private WeightAverage(double decay) {
        this.decay = decay;
    }

    /**
     * Starts averaging {@code trained}'s weights into {@code average}, first copying them there.
     *
     * @param trained the network being trained (initialised)
     * @param average a second network of the same architecture (initialised); its weights are overwritten
     * @param decay   the largest decay rho, in [0, 1), for example 0.999
     * @throws IllegalArgumentException if decay is outside [0, 1), if a network is null or the same object
     *                                  as the other, or if the networks' parameters differ in number, name
     *                                  or shape (the message names the first that differs)
     * @throws IllegalStateException    if a network is not initialised
     */
    public static WeightAverage track(Block trained, Block average, double decay) {
        if (!(decay >= 0 && decay < 1)) {
            throw new IllegalArgumentException("decay must be in [0, 1), got " + decay
                    + " (1 would never move the average; 0.999 averages over about the last thousand steps)");
        }
        if (trained == null || average == null) {
            throw new IllegalArgumentException("WeightAverage.track needs two networks, got "
                    + (trained == null ? "null" : "a network") + " and " + (average == null ? "null" : "a network"));
        }
        if (trained == average) {
            throw new IllegalArgumentException("the average must be a second network of the same architecture,"
                    + " not the trained network itself");
        }
        ParameterList from = trained.getParameters();
        ParameterList to = average.getParameters();
        if (from.size() != to.size()) {
            throw new IllegalArgumentException("the networks differ: the trained one has " + from.size()
                    + " parameters, the average " + to.size() + "; build both with the same code");
        }
        WeightAverage result = new WeightAverage(decay);
        for (int i = 0; i < from.size(); i++) {
            String name = from.get(i).getKey();
            Parameter p = from.get(i).getValue();
            Parameter q = to.get(i).getValue();
            if (!p.isInitialized() || !q.isInitialized()) {
                throw new IllegalStateException("parameter " + name + " of the " + (p.isInitialized() ? "average" : "trained network")
                        + " is not initialised; call initialize (or train one step) on both networks first");
            }
            NDArray w = p.getArray();
            NDArray a = q.getArray();
            if (!name.equals(to.get(i).getKey()) || !w.getShape().equals(a.getShape())) {
                throw new IllegalArgumentException("parameter " + (i + 1) + " differs: " + name + " " + w.getShape()
                        + " in the trained network, " + to.get(i).getKey() + " " + a.getShape() + " in the average");
            }
            result.trained.add(w);
            result.averaged.add(a);
        }
        for (int i = 0; i < result.trained.size(); i++) {
            result.trained.get(i).copyTo(result.averaged.get(i));
        }
        return result;
    }

    /** The decay the next {@link #update()} uses: min(decay, (1 + m) / (10 + m)) after m updates. */
    public double nextDecay() {
        return Math.min(decay, (1.0 + updates) / (10.0 + updates));
    }

    /** Moves every averaged weight towards the trained one by the share 1 - {@link #nextDecay()}. */
    public void update() {
        float d = (float) nextDecay();
        for (int i = 0; i < trained.size(); i++) {
            try (NDArray share = trained.get(i).mul(1 - d)) {
                averaged.get(i).muli(d).addi(share);
            }
        }
        updates++;
    }

    /** How many times {@link #update()} has run. */
    public int updates() {
        return updates;
    }
}
