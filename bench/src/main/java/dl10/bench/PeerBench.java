package dl10.bench;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.listener.TrainingListenerAdapter;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dl10.lib.BatchStep;
import dl10.lib.CharVocabulary;
import dl10.lib.Compute;
import dl10.lib.Datasets;
import dl10.lib.ImageSet;
import dl10.lib.NotebookDisplay;
import dl10.lib.Part;
import dl10.lib.Splits;
import dl10.lib.Standardizer;
import dl10.lib.Tables;
import dl10.lib.TrainTestSplit;
import dl10.lib.TrainingLoop;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import tech.tablesaw.api.Table;

/**
 * The Java side of the peer benchmark: the training steps of lessons 01 (MLP on Iris), 02 (LeNet on
 * MNIST) and 06 (the reversal Transformer and the character language model), with the lessons' shapes,
 * data, batch sizes and optimizers, trained through the course library's {@link TrainingLoop}.
 *
 * <p>It reads commands on standard input, one per line, and answers each with one line on standard
 * output (everything else it prints goes to standard error):
 * <ul>
 *   <li>{@code export DIR} writes the training data of every workload as little-endian raw files
 *       plus {@code meta.json}, so that the PyTorch side trains on exactly the same arrays;</li>
 *   <li>{@code run WORKLOAD STEPS} trains that workload's model (built on first use, then trained on)
 *       for at least STEPS steps and answers {@code {"workload":..., "steps":n, "median_us":...,
 *       "mean_us":..., "cpu_us":...}}: the median and the mean time from the start of one step to the
 *       start of the next, which includes everything the loop does per batch (gathering the batch, the
 *       step, the loss bookkeeping, the end of an epoch), and the process's CPU time per step;</li>
 *   <li>{@code quit}.</li>
 * </ul>
 * bench/compare.py drives it and bench/peer_torch.py, alternating the two.
 */
public final class PeerBench {

    static final String[] WORKLOADS = {"01-mlp", "02-cnn", "06-reversal", "06-charlm"};

    private final NDManager manager = NDManager.newBaseManager();
    private final Map<String, Workload> built = new LinkedHashMap<>();
    private final PrintStream log = System.err;

    /** One workload: its loop and step, trained on by every run. */
    private interface Workload {
        /** Trains at least {@code steps} steps, calling {@code clock.tick()} once per step. */
        void train(int steps, StepClock clock);
    }

    /** Start times of the steps of one run. */
    static final class StepClock {
        private static final com.sun.management.OperatingSystemMXBean OS =
                (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        private long[] stamps = new long[1024];
        private int count;
        private long cpuFirst;
        private long cpuLast;

        void tick() {
            if (count == stamps.length) {
                stamps = Arrays.copyOf(stamps, count * 2);
            }
            stamps[count++] = System.nanoTime();
        }

        /** Marks the start and the end of a run for the CPU time (read only there: the call is not free). */
        void cpuStart() {
            cpuFirst = OS.getProcessCpuTime();
        }

        void cpuEnd() {
            cpuLast = OS.getProcessCpuTime();
        }

        /** Process CPU time (all threads: the steps, the collector, the compiler) per step of the run, in microseconds. */
        double cpuMicros() {
            return (cpuLast - cpuFirst) / 1e3 / count;
        }

        int steps() {
            return count;
        }

        /** Median of the times between consecutive step starts, in microseconds. */
        double medianMicros() {
            long[] d = new long[count - 1];
            for (int i = 1; i < count; i++) {
                d[i - 1] = stamps[i] - stamps[i - 1];
            }
            Arrays.sort(d);
            int n = d.length;
            return (n % 2 == 1 ? d[n / 2] : (d[n / 2 - 1] + d[n / 2]) / 2.0) / 1e3;
        }

        /** Mean time per step from the first step's start to the last one's, in microseconds. */
        double meanMicros() {
            return (stamps[count - 1] - stamps[0]) / 1e3 / (count - 1);
        }
    }

    public static void main(String[] args) throws IOException {
        PrintStream answers = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err); // the loop's progress lines must not mix with the answers
        PeerBench bench = new PeerBench();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        answers.println("{\"ready\": \"" + Compute.class.getPackage().getName() + "\", \"engine\": \""
                + ai.djl.engine.Engine.getInstance().getEngineName() + " "
                + ai.djl.engine.Engine.getInstance().getVersion() + "\", \"djl\": \""
                + ai.djl.engine.Engine.getDjlVersion() + "\"}");
        for (String line; (line = in.readLine()) != null; ) {
            String[] words = line.trim().split("\\s+");
            try {
                switch (words[0]) {
                    case "export" -> {
                        bench.export(Path.of(words[1]));
                        answers.println("{\"exported\": \"" + words[1] + "\"}");
                    }
                    case "run" -> answers.println(bench.run(words[1], Integer.parseInt(words[2])));
                    case "quit" -> {
                        return;
                    }
                    default -> throw new IllegalArgumentException("unknown command '" + line
                            + "'; expected export DIR, run WORKLOAD STEPS or quit");
                }
            } catch (RuntimeException e) {
                e.printStackTrace();
                answers.println("{\"error\": \"" + String.valueOf(e).replace("\"", "'") + "\"}");
            }
        }
    }

    String run(String name, int steps) {
        Workload w = built.computeIfAbsent(name, this::build);
        StepClock clock = new StepClock();
        clock.cpuStart();
        w.train(steps, clock);
        clock.cpuEnd();
        return String.format(Locale.ROOT, "{\"workload\": \"%s\", \"steps\": %d, \"median_us\": %.1f, \"mean_us\": %.1f,"
                        + " \"cpu_us\": %.1f}", name, clock.steps(), clock.medianMicros(), clock.meanMicros(), clock.cpuMicros());
    }

    private Workload build(String name) {
        Compute.seed(42);
        return switch (name) {
            case "01-mlp" -> mlp();
            case "02-cnn" -> lenet();
            case "06-reversal" -> reversal();
            case "06-charlm" -> charLm();
            default -> throw new IllegalArgumentException("unknown workload '" + name + "'; known: "
                    + String.join(", ", WORKLOADS));
        };
    }

    // ---- data, prepared as the lessons prepare it ----

    /** Lesson 01: the 105 standardised training rows of the stratified split with seed 1. */
    static float[][] irisTrainRows(int[][] labelsOut) {
        Table iris = Datasets.iris();
        float[][] features = Tables.matrix(iris, "sepal_length", "sepal_width", "petal_length", "petal_width");
        int[] labels = Tables.ints(iris, "label");
        TrainTestSplit split = Splits.stratified(labels, 0.3, 1);
        float[][] rows = new float[split.train().length][];
        int[] y = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = features[split.train()[i]];
            y[i] = labels[split.train()[i]];
        }
        labelsOut[0] = y;
        return Standardizer.fit(rows).transform(rows);
    }

    /** Lesson 06: 10,000 distinct digit strings of length 8 and their reversals, from Random(42). */
    static int[][] reversalPairs() {
        int len = 8;
        int n = 10_000;
        Random rng = new Random(42);
        Set<String> drawn = new HashSet<>();
        int[] source = new int[n * len];
        int[] target = new int[n * len];
        for (int i = 0; i < n; ) {
            int[] s = rng.ints(len, 0, 10).toArray();
            if (!drawn.add(Arrays.toString(s))) {
                continue;
            }
            for (int j = 0; j < len; j++) {
                source[i * len + j] = s[j];
                target[i * len + j] = s[len - 1 - j];
            }
            i++;
        }
        return new int[][] {source, target};
    }

    void export(Path dir) {
        try {
            Files.createDirectories(dir);
            int[][] irisLabels = new int[1][];
            float[][] iris = irisTrainRows(irisLabels);
            float[] irisFlat = new float[iris.length * 4];
            for (int i = 0; i < iris.length; i++) {
                System.arraycopy(iris[i], 0, irisFlat, i * 4, 4);
            }
            writeFloats(dir.resolve("01-mlp.x.f32"), irisFlat);
            writeInts(dir.resolve("01-mlp.y.i32"), irisLabels[0]);
            ImageSet mnist = Datasets.mnist(Part.TRAIN);
            float[] pixels = new float[mnist.size() * 784];
            for (int i = 0; i < mnist.size(); i++) {
                System.arraycopy(mnist.pixels(i), 0, pixels, i * 784, 784);
            }
            writeFloats(dir.resolve("02-cnn.x.f32"), pixels);
            writeInts(dir.resolve("02-cnn.y.i32"), mnist.labels());
            int[][] pairs = reversalPairs();
            writeInts(dir.resolve("06-reversal.x.i32"), pairs[0]);
            writeInts(dir.resolve("06-reversal.y.i32"), pairs[1]);
            String book = Datasets.mobyDick();
            CharVocabulary chars = CharVocabulary.of(book);
            int[] ids = chars.encode(book);
            writeInts(dir.resolve("06-charlm.ids.i32"), ids);
            String meta = String.format(Locale.ROOT, "{\"01-mlp\": {\"rows\": %d}, \"02-cnn\": {\"rows\": %d},"
                            + " \"06-reversal\": {\"rows\": 10000, \"len\": 8},"
                            + " \"06-charlm\": {\"chars\": %d, \"vocab\": %d, \"train_end\": %d}}",
                    iris.length, mnist.size(), ids.length, chars.size(), (int) (ids.length * 0.9));
            Files.writeString(dir.resolve("meta.json"), meta);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the benchmark data into " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void writeFloats(Path file, float[] values) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        Files.write(file, b.array());
    }

    private static void writeInts(Path file, int[] values) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asIntBuffer().put(values);
        Files.write(file, b.array());
    }

    // ---- the workloads ----

    /** A trainer whose listener ticks the current clock once per batch. */
    private static Trainer trainer(Model model, Tracker rate, ClockHolder holder, Shape... input) {
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(Optimizer.adam().optLearningRateTracker(rate).build())
                .addTrainingListeners(new TrainingListenerAdapter() {
                    @Override
                    public void onTrainingBatch(Trainer trainer, BatchData batchData) {
                        holder.clock.tick();
                    }
                });
        Trainer trainer = model.newTrainer(config);
        trainer.initialize(input);
        return trainer;
    }

    private static final class ClockHolder {
        StepClock clock;
    }

    private static int epochsFor(int steps, int perEpoch) {
        return (steps + perEpoch - 1) / perEpoch;
    }

    /** Lesson 01: MLP 4-64-32-3, ReLU, softmax cross-entropy, Adam 0.01, batch 16, through run(trainer). */
    private Workload mlp() {
        int[][] labels = new int[1][];
        float[][] rows = irisTrainRows(labels);
        float[] y = new float[labels[0].length];
        for (int i = 0; i < y.length; i++) {
            y[i] = labels[0][i];
        }
        NDArray x = manager.create(rows);
        NDArray yArr = manager.create(y);
        SequentialBlock net = new SequentialBlock()
                .add(Linear.builder().setUnits(64).build()).add(Activation.reluBlock())
                .add(Linear.builder().setUnits(32).build()).add(Activation.reluBlock())
                .add(Linear.builder().setUnits(3).build());
        Model model = Model.newInstance("mlp");
        model.setBlock(net);
        ClockHolder holder = new ClockHolder();
        Trainer trainer = trainer(model, Tracker.fixed(0.01f), holder, new Shape(1, 4));
        int perEpoch = (rows.length + 15) / 16;
        return (steps, clock) -> {
            holder.clock = clock;
            TrainingLoop.over(x, yArr).batchSize(16).epochs(epochsFor(steps, perEpoch)).seed(42)
                    .display(NotebookDisplay.textOnly()).run(trainer);
        };
    }

    /** Lesson 02: LeNet (conv-BN-ReLU-pool twice, 120-84-10), Adam with a cosine schedule, batch 64. */
    private Workload lenet() {
        ImageSet train = Datasets.mnist(Part.TRAIN);
        NDArray x = train.images(manager);
        NDArray y = train.labelArray(manager);
        SequentialBlock net = new SequentialBlock()
                .add(convLayer(6, 2))
                .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
                .add(convLayer(16, 0))
                .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(120).build()).add(Activation.reluBlock())
                .add(Linear.builder().setUnits(84).build()).add(Activation.reluBlock())
                .add(Linear.builder().setUnits(10).build());
        Model model = Model.newInstance("lenet");
        model.setBlock(net);
        int perEpoch = (train.size() + 63) / 64;
        Tracker rate = Tracker.cosine().setBaseValue(0.002f).optFinalValue(0.002f / 50)
                .setMaxUpdates(6 * (train.size() / 64)).build();
        ClockHolder holder = new ClockHolder();
        Trainer trainer = trainer(model, rate, holder, new Shape(64, 1, 28, 28));
        return (steps, clock) -> {
            holder.clock = clock;
            TrainingLoop.over(x, y).batchSize(64).epochs(epochsFor(steps, perEpoch)).seed(42)
                    .display(NotebookDisplay.textOnly()).run(trainer);
        };
    }

    private static SequentialBlock convLayer(int filters, int padding) {
        return new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(5, 5)).optPadding(new Shape(padding, padding))
                        .setFilters(filters).build())
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock());
    }

    /** Lesson 06, part 1: the encoder-decoder that reverses digit strings, batch 250, Adam 3e-3. */
    private Workload reversal() {
        int[][] pairs = reversalPairs();
        NDArray x = manager.create(pairs[0], new Shape(10_000, 8));
        NDArray y = manager.create(pairs[1], new Shape(10_000, 8));
        Model model = Model.newInstance("reverser");
        model.setBlock(new TransformerBlocks.EncoderDecoder(11, 32, 2, 64, 1, 8, true));
        Trainer trainer = TransformerBlocks.newTrainer(model, Tracker.fixed(3e-3f), new Shape(250, 8), new Shape(250, 8));
        int perEpoch = 10_000 / 250;
        return (steps, clock) -> {
            BatchStep step = batch -> {
                clock.tick();
                NDArray loss;
                try (GradientCollector collector = trainer.newGradientCollector()) {
                    NDArray logits = trainer.forward(new NDList(batch.x(),
                            TransformerBlocks.decoderInput(batch.y()))).head();
                    loss = TransformerBlocks.crossEntropy(logits, batch.y());
                    collector.backward(loss);
                }
                trainer.step();
                return loss;
            };
            TrainingLoop.over(x, y).batchSize(250).epochs(epochsFor(steps, perEpoch)).seed(1)
                    .display(NotebookDisplay.textOnly()).run(step);
        };
    }

    /** Lesson 06, part 2: the character Transformer on Moby Dick, context 32, batch 64, warm-up + cosine. */
    private Workload charLm() {
        String book = Datasets.mobyDick();
        CharVocabulary chars = CharVocabulary.of(book);
        int[] ids = chars.encode(book);
        int trainEnd = (int) (ids.length * 0.9);
        int context = 32;
        int batchSize = 64;
        Model model = Model.newInstance("moby dick characters");
        model.setBlock(new TransformerBlocks.CharTransformer(chars.size(), 64, 4, 256, 1, context));
        Tracker schedule = Tracker.warmUp().optWarmUpSteps(30).optWarmUpBeginValue(1e-3f)
                .setMainTracker(Tracker.cosine().setBaseValue(1e-2f).optFinalValue(5e-4f).setMaxUpdates(600).build())
                .build();
        Trainer trainer = TransformerBlocks.newTrainer(model, schedule, new Shape(batchSize, context));
        Random rng = new Random(42);
        return (steps, clock) -> {
            BatchStep step = batch -> {
                clock.tick();
                int[] starts = rng.ints(batchSize, 0, trainEnd - context - 1).toArray();
                NDList xy = TransformerBlocks.windows(batch.manager(), ids, starts, context);
                NDArray loss;
                try (GradientCollector collector = trainer.newGradientCollector()) {
                    loss = TransformerBlocks.crossEntropy(trainer.forward(new NDList(xy.get(0))).head(), xy.get(1));
                    collector.backward(loss);
                }
                trainer.step();
                return loss;
            };
            TrainingLoop.steps(manager, 100).epochs(epochsFor(steps, 100))
                    .display(NotebookDisplay.textOnly()).run(step);
        };
    }
}
