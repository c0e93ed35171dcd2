package dl10.lib;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.engine.Engine;
import java.util.Random;

/** A 4-64-32-3 MLP with Adam on Iris-like random data, used by the tests and the benchmark. */
final class TinyMlp implements AutoCloseable {

    final Model model;
    final Trainer trainer;
    final NDArray x;
    final NDArray y;

    TinyMlp(NDManager manager, int samples, long seed) {
        Engine.getInstance().setRandomSeed((int) seed);
        SequentialBlock net = new SequentialBlock()
                .add(Linear.builder().setUnits(64).build()).add(Activation::relu)
                .add(Linear.builder().setUnits(32).build()).add(Activation::relu)
                .add(Linear.builder().setUnits(3).build());
        model = Model.newInstance("tiny-mlp");
        model.setBlock(net);
        trainer = model.newTrainer(new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optInitializer(new XavierInitializer(), Parameter.Type.WEIGHT)
                .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.01f)).build()));
        trainer.initialize(new Shape(1, 4));
        Random rng = new Random(seed);
        float[] features = new float[samples * 4];
        float[] labels = new float[samples];
        for (int i = 0; i < samples; i++) {
            int c = rng.nextInt(3);
            labels[i] = c;
            for (int j = 0; j < 4; j++) {
                features[i * 4 + j] = (float) (rng.nextGaussian() * 0.5 + (j == c ? 2.0 : 0.0));
            }
        }
        x = manager.create(features, new Shape(samples, 4));
        y = manager.create(labels, new Shape(samples));
    }

    @Override
    public void close() {
        trainer.close();
        model.close();
    }
}
