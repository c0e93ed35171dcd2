package dl10.lib;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.listener.TrainingListener;
import ai.djl.translate.Batchifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;
import java.util.function.IntConsumer;

/**
 * The course's training loop: epochs over shuffled mini batches of a dataset held in two NDArrays
 * ({@link #over}), or a fixed number of steps per epoch without a dataset ({@link #steps}, for GAN,
 * DQN or word2vec style loops). The lesson writes the step ({@link BatchStep}) or hands over a DJL
 * {@link Trainer}; the loop releases each batch's arrays after its step, keeps the loss sum in an
 * NDArray that is read only a few times per second, records a {@link TrainingHistory} (losses,
 * per-epoch metrics, seconds), shows live progress in one notebook output (or one line per epoch
 * in a plain JVM), stops with {@link LossNotFiniteException} when the loss becomes NaN or infinite,
 * and with {@link TrainingInterruptedException} when its thread is interrupted (checked before
 * every batch; the thread's interrupt flag is then cleared, the exception reports it).
 *
 * <pre>{@code
 * TrainingHistory h = TrainingLoop.over(xTrain, yTrain).batchSize(32).epochs(20).seed(42)
 *     .metric("test accuracy", () -> Metrics.accuracy(model, xTest, yTest))
 *     .run(b -> {
 *         try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
 *             NDArray loss = lossOf(b.x(), b.y());
 *             gc.backward(loss);
 *             optimizerStep();
 *             return loss;
 *         }
 *     });
 * }</pre>
 */
public final class TrainingLoop {

    private final NDArray x;
    private final NDArray y;
    private final NDManager baseManager;
    private final int stepsPerEpoch;
    private int batchSize = 32;
    private int epochs = 10;
    private long seed = 42;
    private boolean shuffle = true;
    private String title = "training";
    private List<String> lossNames = List.of("loss");
    private final Map<String, DoubleSupplier> metrics = new LinkedHashMap<>();
    private final Set<String> minimizedMetrics = new LinkedHashSet<>();
    private final List<IntConsumer> epochEndActions = new ArrayList<>();
    private NotebookDisplay display;
    private double refreshSeconds = 1.0;
    private boolean quiet;
    private TrainingHistory history;
    private LiveProgress lastProgress;

    private TrainingLoop(NDArray x, NDArray y, NDManager baseManager, int stepsPerEpoch) {
        this.x = x;
        this.y = y;
        this.baseManager = baseManager;
        this.stepsPerEpoch = stepsPerEpoch;
    }

    /**
     * A loop over a dataset: features x and labels y with the samples along the first axis (same
     * count in both). Batch arrays are created in sub-managers of x's manager.
     */
    public static TrainingLoop over(NDArray x, NDArray y) {
        Batches.of(x, y, 1, false); // validates shapes now, where the lesson wrote them
        return new TrainingLoop(x, y, x.getManager(), 0);
    }

    /**
     * A loop without a dataset: {@code stepsPerEpoch} calls of the step per epoch, each with a
     * fresh sub-manager of {@code manager} (MiniBatch x and y are null).
     */
    public static TrainingLoop steps(NDManager manager, int stepsPerEpoch) {
        if (manager == null) {
            throw new IllegalArgumentException("steps(manager, n) needs an NDManager for the per-step arrays");
        }
        if (stepsPerEpoch < 1) {
            throw new IllegalArgumentException("steps per epoch must be >= 1, got " + stepsPerEpoch);
        }
        return new TrainingLoop(null, null, manager, stepsPerEpoch);
    }

    /** Samples per batch (default 32); only for {@link #over}. */
    public TrainingLoop batchSize(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        this.batchSize = batchSize;
        return this;
    }

    /** Number of epochs (default 10). */
    public TrainingLoop epochs(int epochs) {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
        this.epochs = epochs;
        return this;
    }

    /** Seed of the Random that shuffles the batches (default 42): same seed, same order. */
    public TrainingLoop seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** Whether to shuffle the samples every epoch (default true). */
    public TrainingLoop shuffle(boolean shuffle) {
        this.shuffle = shuffle;
        return this;
    }

    /** Title of the progress chart and of the history. */
    public TrainingLoop title(String title) {
        this.title = title;
        return this;
    }

    /**
     * Names of the losses when the step returns several values (e.g. "discriminator loss",
     * "generator loss"): the step then returns an array of that many values.
     */
    public TrainingLoop losses(String... names) {
        if (names.length == 0) {
            throw new IllegalArgumentException("losses(...) needs at least one name");
        }
        if (new LinkedHashSet<>(List.of(names)).size() != names.length) {
            throw new IllegalArgumentException("loss names must differ: " + String.join(", ", names));
        }
        this.lossNames = List.of(names);
        return this;
    }

    /** A metric computed after every epoch (higher is better for {@link TrainingHistory#best}). */
    public TrainingLoop metric(String name, DoubleSupplier compute) {
        addMetric(name, compute);
        return this;
    }

    /** A metric computed after every epoch for which lower is better (e.g. test loss). */
    public TrainingLoop metricToMinimize(String name, DoubleSupplier compute) {
        addMetric(name, compute);
        minimizedMetrics.add(name);
        return this;
    }

    private void addMetric(String name, DoubleSupplier compute) {
        if (name == null || name.isBlank() || metrics.containsKey(name) || lossNames.contains(name)
                || TrainingHistory.EPOCH.equals(name) || TrainingHistory.SECONDS.equals(name)) {
            throw new IllegalArgumentException("metric name '" + name + "' is empty or already used; taken: "
                    + String.join(", ", takenNames()));
        }
        metrics.put(name, compute);
    }

    private List<String> takenNames() {
        List<String> taken = new ArrayList<>(List.of(TrainingHistory.EPOCH, TrainingHistory.SECONDS));
        taken.addAll(lossNames);
        taken.addAll(metrics.keySet());
        return taken;
    }

    /** An action after every epoch, given the 1-based epoch (e.g. show generated samples). */
    public TrainingLoop onEpochEnd(IntConsumer action) {
        epochEndActions.add(action);
        return this;
    }

    /** Where progress goes (default: the notebook's display if there is one, else standard output). */
    public TrainingLoop display(NotebookDisplay display) {
        this.display = display;
        return this;
    }

    /**
     * No progress output at all (no chart, no lines), for the many short runs of an experiment over
     * seeds or splits that prints its own line per run. Losses, metrics and the history are kept as
     * usual; a NaN loss or an interrupt still stops the loop with its message.
     */
    public TrainingLoop quiet() {
        this.quiet = true;
        return this;
    }

    /**
     * Minimum seconds between progress updates and loss checks (default 1). Drawing waits longer
     * when it is slow, so that it costs at most about 2 % of the training time.
     */
    public TrainingLoop refreshSeconds(double seconds) {
        if (!(seconds >= 0)) {
            throw new IllegalArgumentException("refresh interval must be >= 0 seconds, got " + seconds);
        }
        this.refreshSeconds = seconds;
        return this;
    }

    /** The history of the last run (also of a stopped one), or null before any run. */
    public TrainingHistory history() {
        return history;
    }

    LiveProgress progress() {
        return lastProgress;
    }

    /**
     * Trains with a DJL Trainer, as {@code EasyTrain.fit} with {@code trainBatch} + {@code trainer.step()}
     * do: forward with the trainer, its loss, backward, step; the trainer's listeners (evaluators,
     * logging) hear of training begin, every batch, every epoch and training end.
     */
    public TrainingHistory run(Trainer trainer) {
        if (x == null) {
            throw new IllegalStateException("run(trainer) needs a dataset: use TrainingLoop.over(x, y)");
        }
        trainer.notifyListeners(listener -> listener.onTrainingBegin(trainer));
        IntConsumer epochEnd = epoch -> trainer.notifyListeners(listener -> listener.onEpoch(trainer));
        epochEndActions.add(0, epochEnd);
        try {
            return run(trainerStep(trainer));
        } finally {
            epochEndActions.remove(epochEnd);
            trainer.notifyListeners(listener -> listener.onTrainingEnd(trainer));
        }
    }

    private static BatchStep trainerStep(Trainer trainer) {
        return b -> {
            NDList data = new NDList(b.x());
            NDList labels = new NDList(b.y());
            NDArray loss;
            try (GradientCollector collector = trainer.newGradientCollector()) {
                NDList predictions = trainer.forward(data, labels);
                loss = trainer.getLoss().evaluate(labels, predictions);
                collector.backward(loss);
                Batch djlBatch = new Batch(b.manager(), data, labels, (int) b.size(),
                        Batchifier.STACK, Batchifier.STACK, b.batch(), 0);
                Map<Device, NDList> labelMap = new ConcurrentHashMap<>();
                Map<Device, NDList> predictionMap = new ConcurrentHashMap<>();
                labelMap.put(labels.get(0).getDevice(), labels);
                predictionMap.put(predictions.get(0).getDevice(), predictions);
                TrainingListener.BatchData batchData =
                        new TrainingListener.BatchData(djlBatch, labelMap, predictionMap);
                trainer.notifyListeners(listener -> listener.onTrainingBatch(trainer, batchData));
            }
            trainer.step();
            return loss;
        };
    }

    /** Runs the loop with the lesson's step and returns the history of all epochs. */
    public TrainingHistory run(BatchStep step) {
        NativeMemory.tune();
        Batches batches = x == null ? null : Batches.of(x, y, batchSize, shuffle);
        int perEpoch = batches == null ? stepsPerEpoch : batches.count();
        int k = lossNames.size();
        history = new TrainingHistory(title, lossNames, new ArrayList<>(metrics.keySet()), minimizedMetrics);
        LiveProgress progress = quiet
                ? LiveProgress.silent(title, lossNames)
                : new LiveProgress(display != null ? display : NotebookDisplay.find(), title, lossNames, refreshSeconds);
        lastProgress = progress;
        Random rng = new Random(seed);
        long start = System.nanoTime();
        long refreshNanos = (long) (refreshSeconds * 1e9);
        progress.start(epochs, perEpoch);
        try {
            runEpochs(step, batches, perEpoch, k, progress, rng, start, refreshNanos);
        } catch (LossNotFiniteException e) {
            progress.finish("stopped: the loss is not finite", System.nanoTime() - start);
            throw e;
        } finally {
            NativeMemory.trim(); // the steps' freed tensors stay resident in malloc's heap otherwise
        }
        progress.finish("done: " + epochs + " epochs", System.nanoTime() - start);
        return history;
    }

    private void runEpochs(BatchStep step, Batches batches, int perEpoch, int k, LiveProgress progress,
                           Random rng, long start, long refreshNanos) {
        boolean firstLoss = true;
        try (NDManager loopManager = baseManager.newSubManager()) {
            for (int epoch = 1; epoch <= epochs; epoch++) {
                long epochStart = System.nanoTime();
                long[] order = batches == null ? null : batches.order(rng);
                NDArray lossSum = loopManager.zeros(new Shape(k), DataType.FLOAT32);
                int counted = 0;
                int checkedBatch = 0;
                long nextCheck = epochStart + refreshNanos;
                for (int b = 0; b < perEpoch; b++) {
                    if (Thread.currentThread().isInterrupted()) {
                        Thread.interrupted();
                        progress.finish("stopped at epoch " + epoch + ", batch " + (b + 1), System.nanoTime() - start);
                        throw new TrainingInterruptedException(epoch, b + 1, history);
                    }
                    try (NDManager batchManager = baseManager.newSubManager()) {
                        MiniBatch mb = batches == null
                                ? new MiniBatch(null, null, epoch, b + 1, batchManager)
                                : batches.batch(batchManager, order, b, epoch);
                        NDArray loss = callStep(step, mb, epoch, b + 1);
                        if (loss != null) {
                            if (firstLoss) {
                                checkLossShape(loss, epoch, b + 1);
                                firstLoss = false;
                            }
                            lossSum.addi(loss);
                            counted++;
                            if (loss.getManager() != batchManager) {
                                loss.attach(batchManager);
                            }
                        }
                    }
                    long now = System.nanoTime();
                    if (now >= nextCheck || progress.drawDue(now)) {
                        double[] mean = readMean(lossSum, counted, epoch, checkedBatch + 1, b + 1);
                        checkedBatch = b + 1;
                        if (progress.drawDue(now) && counted > 0) {
                            progress.draw(epoch, epochs, b + 1, perEpoch, mean, now - start);
                        }
                        nextCheck = System.nanoTime() + refreshNanos;
                    }
                }
                double[] epochLoss = readMean(lossSum, counted, epoch, checkedBatch + 1, perEpoch);
                lossSum.close();
                Map<String, Double> values = new LinkedHashMap<>();
                for (Map.Entry<String, DoubleSupplier> m : metrics.entrySet()) {
                    values.put(m.getKey(), m.getValue().getAsDouble());
                }
                long now = System.nanoTime();
                history.addEpoch(epoch, epochLoss, values, (now - epochStart) / 1e9);
                progress.epochLine(epoch, epochs, epochLoss, values, now - epochStart, now - start, now);
                for (IntConsumer action : epochEndActions) {
                    action.accept(epoch);
                }
            }
        }
    }

    private NDArray callStep(BatchStep step, MiniBatch mb, int epoch, int batch) {
        try {
            return step.step(mb);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("the training step failed at epoch " + epoch + ", batch " + batch
                    + ": " + e, e);
        }
    }

    private void checkLossShape(NDArray loss, int epoch, int batch) {
        long size = loss.getShape().size();
        if (size != lossNames.size()) {
            throw new IllegalArgumentException("the step returned a loss of shape " + loss.getShape()
                    + " at epoch " + epoch + ", batch " + batch + "; expected " + (lossNames.size() == 1
                    ? "a scalar (e.g. take .mean() of per-sample losses)"
                    : lossNames.size() + " values, one per loss name " + lossNames));
        }
    }

    private double[] readMean(NDArray lossSum, int counted, int epoch, int fromBatch, int toBatch) {
        float[] sums = lossSum.toFloatArray();
        double[] mean = new double[sums.length];
        for (int i = 0; i < sums.length; i++) {
            if (!Float.isFinite(sums[i])) {
                throw new LossNotFiniteException(lossNames.get(i), sums[i], epoch, Math.min(fromBatch, toBatch),
                        toBatch, history);
            }
            mean[i] = counted == 0 ? Double.NaN : sums[i] / (double) counted;
        }
        return mean;
    }
}
