package dl10.lib;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.GradientCollector;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Measures what the training loop adds to a training step: a 4-64-32-3 MLP, batch 32, Adam, on
 * Iris-like random data, trained (1) with bare DJL calls written by hand (gather the batch in a
 * sub-manager, forward, loss, backward, step) and (2) through {@link TrainingLoop} with the same
 * step, its progress going to the console; then (3) through the loop with a display that renders
 * every update to PNG as a notebook kernel does, reporting the share of time spent drawing.
 * Times are CPU time of the training thread per step (PyTorch limited to one thread), the median
 * of alternating rounds. Run: see lib/README.md.
 */
public final class TrainingLoopBenchmark {

    static final int SAMPLES = 3200;
    static final int BATCH = 32;
    static final int EPOCHS_PER_ROUND = 10;
    static final int ROUNDS = 11;

    private TrainingLoopBenchmark() {
    }

    /** A kernel stand-in that renders what it is shown to PNG bytes, as the notebook kernel does. */
    public static final class RenderingDisplay {
        private RenderingDisplay() {
        }

        public static String display(Object o) {
            render(o);
            return "bench";
        }

        public static void updateDisplay(String id, Object o) {
            render(o);
        }

        static void render(Object o) {
            try {
                if (o instanceof Chart<?, ?> chart) {
                    ImageIO.write(BitmapEncoder.getBufferedImage(chart), "png", OutputStream.nullOutputStream());
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    public static void main(String[] args) {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        int steps = EPOCHS_PER_ROUND * ((SAMPLES + BATCH - 1) / BATCH);
        try (NDManager m = NDManager.newBaseManager(); TinyMlp mlp = new TinyMlp(m, SAMPLES, 1)) {
            BatchStep step = TrainingLoopTest.trainerStep(mlp);
            PrintStream console = System.out;
            System.setOut(new PrintStream(new ByteArrayOutputStream())); // the loop's epoch lines
            try {
                bare(mlp, m, 2, 7);
                viaLoop(mlp, step, 2, 7, NotebookDisplay.textOnly());
            } finally {
                System.setOut(console);
            }
            double[] bareUs = new double[ROUNDS];
            double[] loopUs = new double[ROUNDS];
            for (int r = 0; r < ROUNDS; r++) {
                // alternate which variant goes first, so that drifts of the machine hit both alike
                for (int variant : r % 2 == 0 ? new int[] {0, 1} : new int[] {1, 0}) {
                    long t0 = cpu.getCurrentThreadCpuTime();
                    if (variant == 0) {
                        bare(mlp, m, EPOCHS_PER_ROUND, 100 + r);
                    } else {
                        System.setOut(new PrintStream(new ByteArrayOutputStream()));
                        try {
                            viaLoop(mlp, step, EPOCHS_PER_ROUND, 100 + r, NotebookDisplay.textOnly());
                        } finally {
                            System.setOut(console);
                        }
                    }
                    double us = (cpu.getCurrentThreadCpuTime() - t0) / 1e3 / steps;
                    (variant == 0 ? bareUs : loopUs)[r] = us;
                }
            }
            double bare = median(bareUs);
            double loop = median(loopUs);
            System.out.printf(Locale.ROOT, "per training step (CPU time, median of %d rounds of %d steps):%n", ROUNDS, steps);
            System.out.printf(Locale.ROOT, "  bare DJL calls       %8.1f us   rounds %s%n", bare, fmt(bareUs));
            System.out.printf(Locale.ROOT, "  through TrainingLoop %8.1f us   rounds %s%n", loop, fmt(loopUs));
            System.out.printf(Locale.ROOT, "  ratio loop / bare    %8.3f (medians), %.3f (fastest rounds)%n",
                    loop / bare, min(loopUs) / min(bareUs));

            try (NDManager sub = m.newSubManager()) {
                NDArray sum = sub.zeros(new ai.djl.ndarray.types.Shape(1));
                NDArray one = sub.create(1f);
                long a0 = cpu.getCurrentThreadCpuTime();
                for (int i = 0; i < 20000; i++) {
                    sum.addi(one);
                }
                System.out.printf(Locale.ROOT, "  of which the loss sum kept in an NDArray (addi): %.1f us per step%n",
                        (cpu.getCurrentThreadCpuTime() - a0) / 1e3 / 20000);
            }
            long f0 = System.nanoTime();
            RenderingDisplay.render(Charts.line("warm-up", "x", "y", new double[] {1, 2}, new double[] {1, 2}));
            System.out.printf(Locale.ROOT, "first chart drawn in this JVM (fonts, PNG encoder load): %.0f ms%n",
                    (System.nanoTime() - f0) / 1e6);
            NotebookDisplay rendering = NotebookDisplay.find(java.util.List.of(RenderingDisplay.class.getName()));
            int epochs = 18 * EPOCHS_PER_ROUND;
            System.setOut(new PrintStream(new ByteArrayOutputStream()));
            long c0 = cpu.getCurrentThreadCpuTime();
            try {
                viaLoop(mlp, step, epochs, 300, NotebookDisplay.textOnly());
            } finally {
                System.setOut(console);
            }
            long c1 = cpu.getCurrentThreadCpuTime();
            long w0 = System.nanoTime();
            TrainingLoop shown = viaLoop(mlp, step, epochs, 300, rendering);
            long wall = System.nanoTime() - w0;
            long c2 = cpu.getCurrentThreadCpuTime();
            LiveProgress p = shown.progress();
            System.out.printf(Locale.ROOT, "notebook-style display after that (chart rendered to PNG at every update),"
                    + " %d epochs:%n", epochs);
            System.out.printf(Locale.ROOT, "  %d drawings, %.1f ms each on average (wall), %.2f %% of the %.2f s wall time%n",
                    p.draws(), p.drawNanos() / 1e6 / Math.max(1, p.draws()), 100.0 * p.drawNanos() / wall, wall / 1e9);
            System.out.printf(Locale.ROOT, "  without the first drawing (%.0f ms): %.2f %% of the wall time%n",
                    p.firstDrawNanos() / 1e6, 100.0 * (p.drawNanos() - p.firstDrawNanos()) / wall);
            System.out.printf(Locale.ROOT, "  CPU time %.2f s with the display vs %.2f s with console lines: %+.2f %%%n",
                    (c2 - c1) / 1e9, (c1 - c0) / 1e9, 100.0 * ((c2 - c1) - (c1 - c0)) / (c1 - c0));
        }
    }

    /** The same training written with bare DJL calls. */
    static void bare(TinyMlp mlp, NDManager m, int epochs, long seed) {
        Random rng = new Random(seed);
        int n = SAMPLES;
        for (int e = 0; e < epochs; e++) {
            long[] order = new long[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            for (int i = n - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                long t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            for (int from = 0; from < n; from += BATCH) {
                try (NDManager sub = m.newSubManager()) {
                    long[] ids = Arrays.copyOfRange(order, from, Math.min(n, from + BATCH));
                    NDIndex rows = new NDIndex("{}", sub.create(ids));
                    NDArray x = mlp.x.get(sub, rows);
                    NDArray y = mlp.y.get(sub, rows);
                    try (GradientCollector gc = mlp.trainer.newGradientCollector()) {
                        NDList out = mlp.trainer.forward(new NDList(x));
                        NDArray loss = mlp.trainer.getLoss().evaluate(new NDList(y), out);
                        gc.backward(loss);
                    }
                    mlp.trainer.step();
                }
            }
        }
    }

    static TrainingLoop viaLoop(TinyMlp mlp, BatchStep step, int epochs, long seed, NotebookDisplay display) {
        TrainingLoop loop = TrainingLoop.over(mlp.x, mlp.y).batchSize(BATCH).epochs(epochs).seed(seed)
                .display(display).title("benchmark");
        loop.run(step);
        return loop;
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    static double min(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }

    static String fmt(double[] v) {
        StringBuilder b = new StringBuilder("[");
        for (double d : v) {
            b.append(b.length() > 1 ? " " : "").append(String.format(Locale.ROOT, "%.0f", d));
        }
        return b.append(']').toString();
    }
}
