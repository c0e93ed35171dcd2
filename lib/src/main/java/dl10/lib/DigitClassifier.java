package dl10.lib;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * A judge of generated images: a compact convolutional classifier trained on a labelled image set
 * (the course's MNIST subset) that scores a batch of samples by how many it labels with confidence
 * at least {@link #CONFIDENT} and how many classes those confident labels cover. Lessons 7, 8 and
 * 11 judge their generators with it: a generator whose samples are readable digits gets many
 * confident labels; one that collapsed onto a few digits covers few classes.
 *
 * <p>The network is LeNet-like (LeCun et al., "Gradient-based learning applied to document
 * recognition", Proc. IEEE 1998): 5×5 convolution with 16 channels, ReLU, 2×2 max pooling,
 * 5×5 convolution with 32 channels, ReLU, 2×2 max pooling, a linear layer to one logit per class
 * plus one for an extra class <b>"not a digit"</b> (about 30,000 parameters for 28×28 digits). It is
 * trained with Adam (learning rate 0.002) on softmax cross-entropy, in a shuffled order fixed by
 * the seed; each batch holds 64 training images and 16 made-up non-digits: uniform noise, a
 * training image with its pixels shuffled (same ink, no strokes), or the mean of two training
 * images of different classes (an overlay no reader would call one digit). Half of the training
 * images are blurred (3×3 box) and a third get Gaussian noise (standard deviation up to 0.25), so
 * that the judge looks at the shape of a digit rather than its sharpness or finish.
 *
 * <p>Scoring with a classifier is the idea behind the Inception Score (Salimans et al., "Improved
 * techniques for training GANs", NeurIPS 2016): confident labels mean recognisable samples, many
 * different labels mean variety. A classifier trained on digits alone must give noise one of the
 * digit labels, often confidently (in trials, about half of uniform-noise images got probability
 * at least 0.9 as an "8"); the extra class removes that failure, but a judge can still be fooled,
 * so a lesson also shows the samples and scores real images and noise as references.
 *
 * <p>Arrays live in the classifier's own manager; {@link #close()} frees them.
 */
public final class DigitClassifier implements AutoCloseable {

    /** A sample counts as confidently labelled when its largest class probability is at least this. */
    public static final double CONFIDENT = 0.9;

    private static final int BATCH = 64;
    private static final float LEARNING_RATE = 2e-3f;

    private final NDManager manager;
    private final Model model;
    private final int height;
    private final int width;
    private final String[] classNames;
    private final double trainingSeconds;
    private final int epochs;
    private final int trainingImages;
    private boolean closed;

    /**
     * What a classifier makes of a batch of samples.
     *
     * @param samples number of samples scored
     * @param confidentShare share of samples whose largest class probability is at least {@link #CONFIDENT}
     * @param classesPresent classes with at least {@code minimumCount} confident samples
     * @param minimumCount confident samples a class needs to count as present: 1 % of the samples, at least 1
     * @param confidentCounts confident samples per class
     * @param predictedCounts samples per most probable class, confident or not (rejected ones left out)
     * @param rejectedShare share of samples whose most probable class is "not a digit"
     */
    public record Score(int samples, double confidentShare, int classesPresent, int minimumCount,
                        int[] confidentCounts, int[] predictedCounts, double rejectedShare) {

        /** Number of classes the classifier knows. */
        public int classes() {
            return confidentCounts.length;
        }

        /** For example {@code 71.0 % of 500 samples labelled with confidence >= 0.9, 10 of 10 classes present}. */
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.1f %% of %d samples labelled with confidence >= %.1f, %d of %d classes"
                            + " present (>= %d confident each), %.1f %% judged not a digit; confident per class %s",
                    100 * confidentShare, samples, CONFIDENT, classesPresent, classes(), minimumCount, 100 * rejectedShare,
                    Arrays.toString(confidentCounts));
        }
    }

    private DigitClassifier(NDManager manager, Model model, int height, int width, String[] classNames,
                            double trainingSeconds, int epochs, int trainingImages) {
        this.manager = manager;
        this.model = model;
        this.height = height;
        this.width = width;
        this.classNames = classNames;
        this.trainingSeconds = trainingSeconds;
        this.epochs = epochs;
        this.trainingImages = trainingImages;
    }

    /**
     * Trains a classifier on every image of the set for the given number of epochs. Seeds the
     * engine with {@code seed} first (as {@link Compute#seed} does), so the same set, epochs and seed
     * give the same classifier whatever ran before; prints one line when done.
     *
     * @param train labelled images, pixels in 0..1 (e.g. {@code Datasets.mnist(Part.TRAIN)}), at least 8×8
     * @param epochs passes over the set, at least 1 (2 give about 0.94 test accuracy on the MNIST subset,
     *     counting "not a digit" answers as errors)
     * @param seed seed of the weight initialisation and of the batch order
     * @throws IllegalArgumentException if the set is null or empty, smaller than 8×8, or epochs is below 1
     */
    public static DigitClassifier train(ImageSet train, int epochs, long seed) {
        if (train == null || train.size() == 0) {
            throw new IllegalArgumentException("DigitClassifier.train: no training images; pass e.g. Datasets.mnist(Part.TRAIN)");
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("DigitClassifier.train: epochs must be at least 1, got " + epochs);
        }
        if (train.classNames().length < 2) {
            throw new IllegalArgumentException("DigitClassifier.train: the set has " + train.classNames().length
                    + " class; a classifier needs at least 2");
        }
        if (train.height() < 8 || train.width() < 8) {
            throw new IllegalArgumentException("DigitClassifier.train: images of " + train.height() + "x" + train.width()
                    + " pixels are too small for two 2x2 poolings; give images of at least 8x8");
        }
        long start = System.nanoTime();
        Engine.getInstance().setRandomSeed(Long.hashCode(seed));
        Random order = new Random(seed);
        NDManager manager = NDManager.newBaseManager();
        Model model = Model.newInstance("digit classifier");
        model.setBlock(network(train.classNames().length + 1));
        int n = train.size();
        int classes = train.classNames().length;
        int pixels = train.height() * train.width();
        try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(LEARNING_RATE)).build()));
             NDManager data = manager.newSubManager()) {
            trainer.initialize(new Shape(BATCH, 1, train.height(), train.width()));
            int[] index = new int[n];
            for (int i = 0; i < n; i++) {
                index[i] = i;
            }
            int negatives = BATCH / 4;
            for (int epoch = 0; epoch < epochs; epoch++) {
                shuffle(index, order);
                for (int from = 0; from < n; from += BATCH) {
                    int real = Math.min(n, from + BATCH) - from;
                    float[] x = new float[(real + negatives) * pixels];
                    float[] y = new float[real + negatives];
                    for (int i = 0; i < real; i++) {
                        float[] p = train.pixels(index[from + i]);
                        if (order.nextBoolean()) {
                            p = blur(p, train.height(), train.width());
                        }
                        if (order.nextInt(3) == 0) {
                            speckle(p, 0.25f * order.nextFloat(), order);
                        }
                        System.arraycopy(p, 0, x, i * pixels, pixels);
                        y[i] = train.label(index[from + i]);
                    }
                    for (int i = real; i < real + negatives; i++) {
                        notADigit(train, order, x, i * pixels, pixels);
                        y[i] = classes;
                    }
                    try (NDManager step = data.newSubManager()) {
                        NDArray xs = step.create(x, new Shape(real + negatives, 1, train.height(), train.width()));
                        NDArray ys = step.create(y);
                        try (GradientCollector gc = trainer.newGradientCollector()) {
                            NDArray loss = trainer.getLoss().evaluate(new NDList(ys), trainer.forward(new NDList(xs)));
                            gc.backward(loss);
                        }
                        trainer.step();
                    }
                }
            }
        } catch (RuntimeException e) {
            model.close();
            manager.close();
            throw e;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        DigitClassifier c = new DigitClassifier(manager, model, train.height(), train.width(), train.classNames(),
                seconds, epochs, n);
        System.out.println(c);
        return c;
    }

    private static SequentialBlock network(int classes) {
        return new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(5, 5)).optPadding(new Shape(2, 2)).setFilters(16).build())
                .add(Activation.reluBlock())
                .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
                .add(Conv2d.builder().setKernelShape(new Shape(5, 5)).optPadding(new Shape(2, 2)).setFilters(32).build())
                .add(Activation.reluBlock())
                .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(classes).build());
    }

    /**
     * Writes one image of the extra class "not a digit" at x[offset..offset+pixels): uniform noise,
     * a real image with its pixels shuffled (same ink, no strokes), or the mean of two real images of
     * different classes (an overlay no reader would call one digit), one kind in three.
     */
    private static void notADigit(ImageSet train, Random r, float[] x, int offset, int pixels) {
        int kind = r.nextInt(3);
        if (kind == 0) {
            float level = r.nextFloat();
            for (int k = 0; k < pixels; k++) {
                x[offset + k] = r.nextFloat() * level;
            }
        } else if (kind == 1) {
            float[] p = train.pixels(r.nextInt(train.size()));
            for (int k = pixels - 1; k >= 0; k--) {
                int j = r.nextInt(k + 1);
                float t = p[k];
                p[k] = p[j];
                p[j] = t;
            }
            System.arraycopy(p, 0, x, offset, pixels);
        } else {
            int a = r.nextInt(train.size());
            int b = r.nextInt(train.size());
            while (train.label(b) == train.label(a)) {
                b = r.nextInt(train.size());
            }
            float[] p = train.pixels(a);
            float[] q = train.pixels(b);
            for (int k = 0; k < pixels; k++) {
                x[offset + k] = (p[k] + q[k]) / 2;
            }
        }
    }

    /** Adds Gaussian noise of the given standard deviation to every pixel, clipped to 0..1, in place. */
    static void speckle(float[] p, float sd, Random r) {
        for (int k = 0; k < p.length; k++) {
            p[k] = (float) Math.min(1, Math.max(0, p[k] + sd * r.nextGaussian()));
        }
    }

    /** A 3×3 box blur (mean over the pixel and its neighbours inside the image). */
    static float[] blur(float[] p, int height, int width) {
        float[] q = new float[p.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                float sum = 0;
                int count = 0;
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        int yy = y + dy;
                        int xx = x + dx;
                        if (yy >= 0 && yy < height && xx >= 0 && xx < width) {
                            sum += p[yy * width + xx];
                            count++;
                        }
                    }
                }
                q[y * width + x] = sum / count;
            }
        }
        return q;
    }

    private static void shuffle(int[] a, Random r) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /**
     * Class probabilities of each image: one column per class of the training set, then a last
     * column for the extra class "not a digit"; each row sums to 1.
     *
     * @param images one row of height×width pixels in 0..1 per image (the layout of
     *     {@link ImageSet#pixels} and {@link Charts#imageGrid(float[][], int, int, int, String[], int)})
     * @return one row of classes + 1 probabilities per image
     * @throws IllegalArgumentException if there are no images, a row has the wrong length, or a pixel
     *     is not a number or lies outside 0..1 (beyond a rounding tolerance of 0.01)
     * @throws IllegalStateException if the classifier was closed
     */
    public float[][] probabilities(float[][] images) {
        checkOpen();
        checkImages(images);
        float[][] out = new float[images.length][];
        int columns = classNames.length + 1;
        ParameterStore parameters = new ParameterStore(manager, false);
        for (int from = 0; from < images.length; from += 500) {
            int to = Math.min(images.length, from + 500);
            try (NDManager scratch = manager.newSubManager()) {
                float[] flat = new float[(to - from) * height * width];
                for (int i = from; i < to; i++) {
                    System.arraycopy(images[i], 0, flat, (i - from) * height * width, height * width);
                }
                NDArray x = scratch.create(flat, new Shape(to - from, 1, height, width));
                float[] p = model.getBlock().forward(parameters, new NDList(x), false).singletonOrThrow()
                        .softmax(1).toFloatArray();
                for (int i = from; i < to; i++) {
                    out[i] = Arrays.copyOfRange(p, (i - from) * columns, (i - from + 1) * columns);
                }
            }
        }
        return out;
    }

    /**
     * Scores a batch of samples: the share labelled with confidence at least {@link #CONFIDENT} as
     * one class (not as "not a digit"), the classes those confident labels cover (a class counts
     * when it has at least 1 % of the samples, and at least one), and the counts per class.
     *
     * @param images one row of height×width pixels in 0..1 per sample; map a tanh generator's
     *     −1..1 output with (x + 1) / 2 first
     * @throws IllegalArgumentException as {@link #probabilities}
     */
    public Score score(float[][] images) {
        float[][] p = probabilities(images);
        int classes = classNames.length;
        int[] confident = new int[classes];
        int[] predicted = new int[classes];
        int confidentTotal = 0;
        int rejected = 0;
        for (float[] row : p) {
            int best = argmax(row);
            if (best == classes) {
                rejected++;
                continue;
            }
            predicted[best]++;
            if (row[best] >= CONFIDENT) {
                confident[best]++;
                confidentTotal++;
            }
        }
        int minimum = Math.max(1, (int) Math.ceil(0.01 * images.length));
        int present = 0;
        for (int c : confident) {
            if (c >= minimum) {
                present++;
            }
        }
        return new Score(images.length, confidentTotal / (double) images.length, present, minimum, confident, predicted,
                rejected / (double) images.length);
    }

    private static int argmax(float[] row) {
        int best = 0;
        for (int k = 1; k < row.length; k++) {
            if (row[k] > row[best]) {
                best = k;
            }
        }
        return best;
    }

    /** Scores real images (e.g. the test set) the same way: the reference a generator is compared with. */
    public Score score(ImageSet images) {
        return score(rows(images));
    }

    /**
     * Share of the set's images whose most probable class is their label.
     *
     * @throws IllegalArgumentException if the set is empty or its images have another size than the training images
     */
    public double accuracy(ImageSet test) {
        float[][] p = probabilities(rows(test));
        int correct = 0;
        for (int i = 0; i < p.length; i++) {
            if (argmax(p[i]) == test.label(i)) {
                correct++;
            }
        }
        return correct / (double) p.length;
    }

    private float[][] rows(ImageSet set) {
        if (set == null || set.size() == 0) {
            throw new IllegalArgumentException("DigitClassifier: no images given");
        }
        float[][] rows = new float[set.size()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = set.pixels(i);
        }
        return rows;
    }

    private void checkImages(float[][] images) {
        if (images == null || images.length == 0) {
            throw new IllegalArgumentException("DigitClassifier: no images given; pass one row of "
                    + height * width + " pixels per image");
        }
        for (int i = 0; i < images.length; i++) {
            if (images[i] == null || images[i].length != height * width) {
                throw new IllegalArgumentException("DigitClassifier: image " + i + " has "
                        + (images[i] == null ? "no" : images[i].length) + " pixels, expected " + height + "x" + width
                        + " = " + height * width + " (the size of the training images)");
            }
            for (int k = 0; k < images[i].length; k++) {
                float v = images[i][k];
                if (!(v >= -0.01f && v <= 1.01f)) {
                    throw new IllegalArgumentException("DigitClassifier: image " + i + ", pixel " + k + " is " + v
                            + "; pixels must lie in 0..1 (a generator with a tanh output gives -1..1: map it with"
                            + " (x + 1) / 2 and clip)");
                }
            }
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("DigitClassifier: this classifier was closed; train a new one");
        }
    }

    /** For example {@code digit classifier: LeNet-style CNN, 28x28 images, 10 classes, 2 epochs on 10000 images in 4.1 s}. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "digit classifier: LeNet-style CNN, %dx%d images, %d classes, %d epoch%s on %d"
                        + " images in %.1f s", height, width, classNames.length, epochs, epochs == 1 ? "" : "s",
                trainingImages, trainingSeconds);
    }

    /** Frees the classifier's native memory; later calls throw IllegalStateException. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            model.close();
            manager.close();
        }
    }
}
