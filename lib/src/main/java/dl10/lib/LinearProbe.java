package dl10.lib;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

/**
 * The linear-evaluation protocol of representation learning: a softmax regression trained on
 * frozen features, scored on held-out features. It measures how much of the class information a
 * representation makes linearly available (e.g. Chen, Kornblith, Norouzi and Hinton 2020, SimCLR,
 * "linear evaluation protocol"; the same measure applies to an autoencoder's code, a deep belief
 * network's top layer or a pretrained network's penultimate layer).
 *
 * <p>The features are standardised with the training features' mean and standard deviation per
 * column (so that features of any scale train alike); the softmax layer (weights and biases as plain
 * NDArrays) starts at zero (the loss is convex, so the result does not depend on a seed) and takes
 * {@code steps} full-batch Adam steps with learning rate {@link #LEARNING_RATE} and weight decay
 * {@link #WEIGHT_DECAY}. (It does not use a DJL {@code Trainer}: the trainer's first-step check sums
 * the gradients, and a softmax layer's weight and bias gradients always sum to zero over the classes,
 * so with balanced labels the check fails on a correct gradient.) Every array the
 * probe makes lives in a sub-manager closed before returning; the caller's arrays stay open and
 * unchanged.
 */
public final class LinearProbe {

    /** Adam's step size. */
    public static final float LEARNING_RATE = 0.01f;
    /** L2 coefficient on the softmax layer's weights (a few labelled samples are easy to overfit). */
    public static final float WEIGHT_DECAY = 1e-3f;

    private LinearProbe() {
    }

    /**
     * Trains a softmax layer on (trainFeatures, trainLabels) and returns its accuracy on
     * (testFeatures, testLabels).
     *
     * @param trainFeatures (n, d) features of the labelled samples, any float type
     * @param trainLabels n class indices 0..C-1
     * @param testFeatures (m, d) features of the held-out samples
     * @param testLabels m class indices
     * @param steps full-batch training steps (a few hundred suffice for a few hundred samples)
     * @return the fraction of held-out samples classified correctly
     * @throws IllegalArgumentException if the features are not 2-D, the row counts differ from the
     *     label counts, the feature widths differ, a label is negative, or steps is below 1
     */
    public static double accuracy(NDArray trainFeatures, int[] trainLabels, NDArray testFeatures, int[] testLabels,
                                  int steps) {
        check(trainFeatures, trainLabels, "training");
        check(testFeatures, testLabels, "test");
        long width = trainFeatures.getShape().get(1);
        if (testFeatures.getShape().get(1) != width) {
            throw new IllegalArgumentException("the training features have " + width + " columns but the test features "
                    + testFeatures.getShape().get(1) + "; compute both with the same encoder");
        }
        if (steps < 1) {
            throw new IllegalArgumentException("the probe needs at least 1 training step, got " + steps);
        }
        int classes = 1 + Math.max(max(trainLabels), max(testLabels));
        try (NDManager scope = trainFeatures.getManager().newSubManager()) {
            trainFeatures.tempAttach(scope);
            if (testFeatures != trainFeatures) {
                testFeatures.tempAttach(scope);
            }
            NDArray train = trainFeatures.toType(DataType.FLOAT32, false);
            NDArray mean = train.mean(new int[] {0});
            NDArray sd = train.sub(mean).square().mean(new int[] {0}).sqrt().add(1e-6f);
            NDArray x = train.sub(mean).div(sd);
            NDArray xTest = testFeatures.toType(DataType.FLOAT32, false).sub(mean).div(sd);
            NDArray targets = scope.create(trainLabels).oneHot(classes).toType(DataType.FLOAT32, false);
            NDArray w = scope.zeros(new Shape(width, classes));
            NDArray b = scope.zeros(new Shape(classes));
            w.setRequiresGradient(true);
            b.setRequiresGradient(true);
            Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(LEARNING_RATE))
                    .optWeightDecays(WEIGHT_DECAY).build();
            for (int s = 0; s < steps; s++) {
                try (NDManager step = scope.newSubManager()) {
                    step.tempAttachAll(x, targets);
                    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                        NDArray logits = x.matMul(w).add(b);
                        NDArray loss = logits.logSoftmax(1).mul(targets).sum(new int[] {1}).mean().neg();
                        collector.backward(loss);
                        for (NDArray parameter : new NDArray[] {w, b}) {
                            NDArray gradient = parameter.getGradient();
                            adam.update(parameter == w ? "w" : "b", parameter, gradient);
                            gradient.subi(gradient);                   // PyTorch adds the next gradient to this one
                            gradient.close();
                        }
                    }
                }
            }
            return Metrics.accuracy(testLabels, Metrics.argmax(xTest.matMul(w).add(b)));
        }
    }

    private static void check(NDArray features, int[] labels, String what) {
        if (features == null || labels == null) {
            throw new IllegalArgumentException("the " + what + " features and labels must be given");
        }
        if (features.getShape().dimension() != 2) {
            throw new IllegalArgumentException("the " + what + " features must have shape (samples, features), got "
                    + features.getShape());
        }
        if (features.getShape().get(0) != labels.length || labels.length == 0) {
            throw new IllegalArgumentException("the " + what + " features have " + features.getShape().get(0)
                    + " rows but there are " + labels.length + " " + what + " labels; give one label per row");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0) {
                throw new IllegalArgumentException(what + " label " + i + " is " + labels[i]
                        + "; classes are numbered from 0");
            }
        }
    }

    private static int max(int[] values) {
        int m = 0;
        for (int v : values) {
            m = Math.max(m, v);
        }
        return m;
    }
}
