package dl10.lib;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TrainingLoopTest {

    /** The step a lesson writes for a DJL Trainer by hand. */
    static BatchStep trainerStep(TinyMlp mlp) {
        return b -> {
            NDArray loss;
            try (GradientCollector gc = mlp.trainer.newGradientCollector()) {
                NDList out = mlp.trainer.forward(new NDList(b.x()));
                loss = mlp.trainer.getLoss().evaluate(new NDList(b.y()), out);
                gc.backward(loss);
            }
            mlp.trainer.step();
            return loss;
        };
    }

    static double[] trainLosses(long seed) {
        try (NDManager m = NDManager.newBaseManager(); TinyMlp mlp = new TinyMlp(m, 200, seed)) {
            return TrainingLoop.over(mlp.x, mlp.y).batchSize(32).epochs(4).seed(seed)
                    .display(NotebookDisplay.textOnly()).refreshSeconds(1e6)
                    .run(trainerStep(mlp)).values("loss");
        }
    }

    @Test
    void trainsAndRecordsOneRowPerEpochWithMetrics() {
        try (NDManager m = NDManager.newBaseManager(); TinyMlp mlp = new TinyMlp(m, 300, 1)) {
            List<Integer> ended = new ArrayList<>();
            TrainingLoop loop = TrainingLoop.over(mlp.x, mlp.y).batchSize(32).epochs(6).seed(3)
                    .title("tiny").display(NotebookDisplay.textOnly())
                    .metric("train accuracy", () -> {
                        try (NDManager sub = m.newSubManager()) {
                            NDArray scores = mlp.trainer.evaluate(new NDList(mlp.x)).singletonOrThrow();
                            scores.attach(sub);
                            return Metrics.accuracy(scores, mlp.y);
                        }
                    })
                    .onEpochEnd(ended::add);
            assertNull(loop.history());
            TrainingHistory h = loop.run(trainerStep(mlp));
            assertEquals(6, h.epochs());
            assertEquals(List.of(1, 2, 3, 4, 5, 6), ended);
            assertEquals(List.of("epoch", "loss", "train accuracy", "seconds"), h.table().columnNames());
            double[] loss = h.values("loss");
            assertTrue(loss[5] < loss[0] * 0.5, "loss should fall: " + java.util.Arrays.toString(loss));
            assertTrue(h.last("train accuracy") > 0.9, "accuracy " + h.last("train accuracy"));
            assertEquals("tiny", h.title());
            assertTrue(h == loop.history());
        }
    }

    @Test
    void sameSeedGivesIdenticalLosses() {
        double[] a = trainLosses(11);
        double[] b = trainLosses(11);
        assertArrayEquals(a, b, 0.0);
        double[] c = trainLosses(12);
        assertTrue(a[0] != c[0], "another seed should give other losses");
    }

    @Test
    void runsWithADjlTrainer() {
        try (NDManager m = NDManager.newBaseManager(); TinyMlp mlp = new TinyMlp(m, 200, 5)) {
            TrainingHistory h = TrainingLoop.over(mlp.x, mlp.y).batchSize(20).epochs(5)
                    .display(NotebookDisplay.textOnly()).run(mlp.trainer);
            double[] loss = h.values("loss");
            assertEquals(5, loss.length);
            assertTrue(loss[4] < loss[0], "loss should fall with the trainer");
        }
    }

    @Test
    void trainerListenersHearOfBatchesAndEpochs() {
        try (NDManager m = NDManager.newBaseManager()) {
            ai.djl.Model model = ai.djl.Model.newInstance("listened");
            model.setBlock(ai.djl.nn.core.Linear.builder().setUnits(3).build());
            try (model; ai.djl.training.Trainer trainer = model.newTrainer(
                    new ai.djl.training.DefaultTrainingConfig(ai.djl.training.loss.Loss.softmaxCrossEntropyLoss())
                            .addEvaluator(new ai.djl.training.evaluator.Accuracy())
                            .addTrainingListeners(ai.djl.training.listener.TrainingListener.Defaults.basic()))) {
                trainer.initialize(new Shape(1, 4));
                TinyMlp data = new TinyMlp(m, 64, 3);
                data.close();
                TrainingLoop.over(data.x, data.y).batchSize(16).epochs(3)
                        .display(NotebookDisplay.textOnly()).run(trainer);
                ai.djl.training.TrainingResult result = trainer.getTrainingResult();
                assertEquals(3, result.getEpoch());
                assertNotNull(result.getTrainEvaluation("Accuracy"), "the Accuracy evaluator was updated");
            }
        }
    }

    @Test
    void trainerNeedsADataset() {
        try (NDManager m = NDManager.newBaseManager(); TinyMlp mlp = new TinyMlp(m, 10, 5)) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> TrainingLoop.steps(m, 3).run(mlp.trainer));
            assertTrue(e.getMessage().contains("TrainingLoop.over(x, y)"), e.getMessage());
        }
    }

    @Test
    void stepsWithoutDatasetTrackSeveralLossesAndSkipNullSteps() {
        try (NDManager m = NDManager.newBaseManager()) {
            List<String> seen = new ArrayList<>();
            TrainingHistory h = TrainingLoop.steps(m, 4).epochs(2).losses("d loss", "g loss")
                    .display(NotebookDisplay.textOnly())
                    .run(b -> {
                        assertNull(b.x());
                        assertEquals(0, b.size());
                        seen.add(b.epoch() + "." + b.batch());
                        if (b.batch() == 1) {
                            return null; // e.g. a replay buffer still filling
                        }
                        return b.manager().create(new float[] {b.batch(), 10 * b.epoch()});
                    });
            assertEquals(List.of("1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4"), seen);
            assertArrayEquals(new double[] {3, 3}, h.values("d loss"), 1e-6); // mean of 2, 3, 4
            assertArrayEquals(new double[] {10, 20}, h.values("g loss"), 1e-6);
            assertEquals(List.of("d loss", "g loss"), h.lossNames());
        }
    }

    @Test
    void batchArraysLiveInTheirOwnManagerAndAreClosedAfterTheStep() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.arange(10f).reshape(10, 1);
            NDArray y = m.arange(10f);
            List<NDArray> batchArrays = new ArrayList<>();
            List<Float> firstRows = new ArrayList<>();
            TrainingLoop.over(x, y).batchSize(4).epochs(1).shuffle(false).display(NotebookDisplay.textOnly())
                    .run(b -> {
                        assertTrue(b.x().getManager() == b.manager());
                        assertEquals(b.x().getShape().get(0), b.y().getShape().get(0));
                        batchArrays.add(b.x());
                        firstRows.add(b.x().getFloat(0, 0));
                        return b.x().sum();
                    });
            assertEquals(List.of(0f, 4f, 8f), firstRows);
            for (NDArray a : batchArrays) {
                assertTrue(a.isReleased(), "batch array should be closed after its step");
            }
            assertTrue(!x.isReleased());
        }
    }

    @Test
    void shuffleCoversEverySampleOncePerEpoch() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.arange(50f).reshape(50, 1);
            NDArray y = m.arange(50f);
            List<Float> ids = new ArrayList<>();
            TrainingLoop.over(x, y).batchSize(8).epochs(1).seed(1).display(NotebookDisplay.textOnly())
                    .run(b -> {
                        for (float v : b.y().toFloatArray()) {
                            ids.add(v);
                        }
                        assertArrayEquals(b.x().reshape(-1).toFloatArray(), b.y().toFloatArray());
                        return b.y().sum();
                    });
            assertEquals(50, ids.size());
            assertEquals(50, ids.stream().distinct().count());
            assertTrue(ids.get(0) != 0f || ids.get(1) != 1f, "order should be shuffled");
        }
    }

    @Test
    void nanLossNamesEpochAndBatch() {
        try (NDManager m = NDManager.newBaseManager()) {
            TrainingLoop loop = TrainingLoop.steps(m, 10).epochs(3).refreshSeconds(0)
                    .display(NotebookDisplay.textOnly());
            LossNotFiniteException e = assertThrows(LossNotFiniteException.class, () -> loop.run(b ->
                    b.manager().create(b.epoch() == 2 && b.batch() == 7 ? Float.NaN : 1f)));
            assertEquals("the loss became NaN in epoch 2 at batch 7; try a lower learning rate (e.g. 10 times"
                    + " smaller), check that the inputs are scaled (standardized) and contain no NaN, and that"
                    + " the labels are valid", e.getMessage());
            assertEquals(1, e.getHistory().epochs());
        }
    }

    @Test
    void infiniteLossBetweenCheckpointsNamesTheRange() {
        try (NDManager m = NDManager.newBaseManager()) {
            TrainingLoop loop = TrainingLoop.steps(m, 20).epochs(2).refreshSeconds(1e6)
                    .display(NotebookDisplay.textOnly());
            LossNotFiniteException e = assertThrows(LossNotFiniteException.class, () -> loop.run(b ->
                    b.manager().create(b.batch() >= 5 ? Float.POSITIVE_INFINITY : 1f)));
            assertTrue(e.getMessage().startsWith("the loss became Infinity in epoch 1 between batch 1 and batch 20;"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("lower learning rate"));
        }
    }

    @Test
    void interruptStopsTheLoopQuicklyAndSaysWhere() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            AtomicReference<Boolean> flagAfter = new AtomicReference<>();
            Thread t = new Thread(() -> {
                try {
                    TrainingLoop.steps(m, 1000).epochs(1000).display(NotebookDisplay.textOnly())
                            .run(b -> {
                                long end = System.nanoTime() + 1_000_000;
                                while (System.nanoTime() < end) {
                                    Thread.onSpinWait();
                                }
                                return b.manager().create(1f);
                            });
                } catch (Throwable e) {
                    thrown.set(e);
                }
                flagAfter.set(Thread.currentThread().isInterrupted());
            });
            t.start();
            Thread.sleep(300);
            long t0 = System.nanoTime();
            t.interrupt();
            t.join(5000);
            double stopMs = (System.nanoTime() - t0) / 1e6;
            assertTrue(!t.isAlive(), "the loop did not stop");
            assertTrue(stopMs < 1000, "stopping took " + stopMs + " ms");
            Throwable e = thrown.get();
            assertTrue(e instanceof TrainingInterruptedException, "got " + e);
            TrainingInterruptedException tie = (TrainingInterruptedException) e;
            assertTrue(e.getMessage().matches("training stopped at epoch \\d+, batch \\d+; the history so far is kept .*"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("epoch " + tie.getEpoch() + ", batch " + tie.getBatch()));
            assertEquals(tie.getEpoch() - 1, tie.getHistory().epochs());
            assertEquals(Boolean.FALSE, flagAfter.get());
        }
    }

    @Test
    void stepExceptionsPassThroughAndCheckedOnesAreWrapped() {
        try (NDManager m = NDManager.newBaseManager()) {
            TrainingLoop loop = TrainingLoop.steps(m, 3).epochs(1).display(NotebookDisplay.textOnly());
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> loop.run(b -> {
                        throw new IOException("disk gone");
                    }));
            assertEquals("the training step failed at epoch 1, batch 1: java.io.IOException: disk gone", e.getMessage());
            ArithmeticException a = assertThrows(ArithmeticException.class, () -> loop.run(b -> {
                throw new ArithmeticException("boom");
            }));
            assertEquals("boom", a.getMessage());
        }
    }

    @Test
    void lossOfWrongShapeIsExplained() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.ones(new Shape(8, 2));
            NDArray y = m.ones(new Shape(8));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                    TrainingLoop.over(x, y).batchSize(4).display(NotebookDisplay.textOnly())
                            .run(b -> b.y().mul(2)));
            assertEquals("the step returned a loss of shape (4) at epoch 1, batch 1; expected a scalar"
                    + " (e.g. take .mean() of per-sample losses)", e.getMessage());
            IllegalArgumentException two = assertThrows(IllegalArgumentException.class, () ->
                    TrainingLoop.steps(m, 2).losses("a", "b").display(NotebookDisplay.textOnly())
                            .run(b -> b.manager().create(1f)));
            assertTrue(two.getMessage().contains("expected 2 values, one per loss name [a, b]"), two.getMessage());
        }
    }

    @Test
    void badSettingsAreRejectedWithReasons() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.ones(new Shape(8, 2));
            NDArray y = m.ones(new Shape(7));
            IllegalArgumentException shapes = assertThrows(IllegalArgumentException.class, () -> TrainingLoop.over(x, y));
            assertEquals("x and y must have the same number of samples (first axis): x has shape (8, 2) but y has"
                    + " shape (7)", shapes.getMessage());
            NDArray y8 = m.ones(new Shape(8));
            TrainingLoop loop = TrainingLoop.over(x, y8);
            assertEquals("batch size must be >= 1, got 0",
                    assertThrows(IllegalArgumentException.class, () -> loop.batchSize(0)).getMessage());
            assertEquals("epochs must be >= 1, got 0",
                    assertThrows(IllegalArgumentException.class, () -> loop.epochs(0)).getMessage());
            assertEquals("refresh interval must be >= 0 seconds, got NaN",
                    assertThrows(IllegalArgumentException.class, () -> loop.refreshSeconds(Double.NaN)).getMessage());
            assertEquals("steps per epoch must be >= 1, got 0",
                    assertThrows(IllegalArgumentException.class, () -> TrainingLoop.steps(m, 0)).getMessage());
            assertTrue(assertThrows(IllegalArgumentException.class, () -> TrainingLoop.steps(null, 3))
                    .getMessage().contains("needs an NDManager"));
            loop.metric("acc", () -> 1);
            assertEquals("metric name 'acc' is empty or already used; taken: epoch, seconds, loss, acc",
                    assertThrows(IllegalArgumentException.class, () -> loop.metric("acc", () -> 2)).getMessage());
            assertTrue(assertThrows(IllegalArgumentException.class, () -> loop.metricToMinimize("loss", () -> 2))
                    .getMessage().startsWith("metric name 'loss' is empty or already used"));
            assertEquals("loss names must differ: a, a",
                    assertThrows(IllegalArgumentException.class, () -> loop.losses("a", "a")).getMessage());
            assertEquals("losses(...) needs at least one name",
                    assertThrows(IllegalArgumentException.class, () -> loop.losses()).getMessage());
        }
    }

    @Test
    void metricToMinimizeIsBestWhenLowest() {
        try (NDManager m = NDManager.newBaseManager()) {
            int[] calls = {0};
            TrainingHistory h = TrainingLoop.steps(m, 2).epochs(3).display(NotebookDisplay.textOnly())
                    .metricToMinimize("test loss", () -> new double[] {0.5, 0.2, 0.4}[calls[0]++])
                    .metric("test accuracy", () -> new double[] {0.5, 0.9, 0.7}[calls[0] - 1])
                    .run(b -> b.manager().create(1f));
            assertEquals(0.2, h.best("test loss"));
            assertEquals(0.9, h.best("test accuracy"));
            assertEquals(2, h.bestEpoch("test loss"));
        }
    }

    @Test
    void textModePrintsOneLinePerEpochAtMost() {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (NDManager m = NDManager.newBaseManager()) {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            TrainingLoop.steps(m, 50).epochs(4).refreshSeconds(0).display(NotebookDisplay.textOnly())
                    .metric("acc", () -> 0.5).run(b -> b.manager().create(2f));
        } finally {
            System.setOut(old);
        }
        String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
        assertEquals(4, lines.length, String.join("\n", lines));
        assertTrue(lines[0].matches("epoch 1/4 · loss 2\\.0000 · acc 0\\.5000 · \\d+\\.\\d s · ETA .*"), lines[0]);
        assertTrue(lines[3].startsWith("epoch 4/4 · loss 2.0000"), lines[3]);
    }

    @Test
    void quietLoopPrintsNothingAndKeepsTheHistory() {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TrainingHistory h;
        try (NDManager m = NDManager.newBaseManager()) {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            h = TrainingLoop.steps(m, 5).epochs(3).refreshSeconds(0).quiet()
                    .metric("acc", () -> 0.5).run(b -> b.manager().create(2f));
        } finally {
            System.setOut(old);
        }
        assertEquals("", out.toString(StandardCharsets.UTF_8));
        assertEquals(3, h.epochs());
        assertEquals(2.0, h.last("loss"), 1e-9);
        assertEquals(0.5, h.last("acc"), 1e-9);
    }

    @Test
    void quietLoopStillStopsOnANonFiniteLoss() {
        try (NDManager m = NDManager.newBaseManager()) {
            LossNotFiniteException e = assertThrows(LossNotFiniteException.class,
                    () -> TrainingLoop.steps(m, 3).epochs(2).quiet().run(b -> b.manager().create(Float.NaN)));
            assertTrue(e.getMessage().contains("epoch 1"), e.getMessage());
        }
    }

    @Test
    void textModeThrottlesEpochLinesToTheRefreshInterval() {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (NDManager m = NDManager.newBaseManager()) {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            TrainingLoop.steps(m, 1).epochs(200).refreshSeconds(1e6).display(NotebookDisplay.textOnly())
                    .run(b -> b.manager().create(2f));
        } finally {
            System.setOut(old);
        }
        String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
        assertEquals(2, lines.length, "first and last epoch only: " + String.join("\n", lines));
    }

    @Test
    void notebookModeShowsOneOutputUpdatedInPlace() {
        FakeKernelDisplay.clear();
        NotebookDisplay display = NotebookDisplay.find(List.of("dl10.lib.FakeKernelDisplay"));
        assertTrue(display.isNotebook());
        try (NDManager m = NDManager.newBaseManager()) {
            TrainingLoop loop = TrainingLoop.steps(m, 200).epochs(3).refreshSeconds(0.05).display(display)
                    .title("demo");
            loop.run(b -> {
                long end = System.nanoTime() + 2_000_000;
                while (System.nanoTime() < end) {
                    Thread.onSpinWait();
                }
                return b.manager().create(1f);
            });
            List<String> calls = FakeKernelDisplay.CALLS;
            assertEquals("display", calls.get(0));
            assertEquals(1, calls.stream().filter("display"::equals).count(), "only one output");
            assertTrue(calls.size() >= 3, "should update a few times: " + calls.size());
            assertTrue(calls.size() < 600 * 0.5, "throttled: " + calls.size() + " updates for 600 batches");
            assertTrue(calls.stream().skip(1).allMatch("update id-1"::equals));
            Object last = FakeKernelDisplay.OBJECTS.get(FakeKernelDisplay.OBJECTS.size() - 1);
            assertTrue(last instanceof org.knowm.xchart.XYChart);
            assertTrue(((org.knowm.xchart.XYChart) last).getTitle().startsWith("demo · done: 3 epochs · "),
                    ((org.knowm.xchart.XYChart) last).getTitle());
            boolean sawProgressTitle = FakeKernelDisplay.OBJECTS.stream()
                    .filter(o -> o instanceof org.knowm.xchart.XYChart)
                    .map(o -> ((org.knowm.xchart.XYChart) o).getTitle())
                    .anyMatch(t -> t.matches("epoch \\d/3 · batch \\d+/200 · loss 1\\.0000 · .* s · ETA .*"));
            assertTrue(sawProgressTitle, "a progress title like 'epoch 1/3 · batch 17/200 · loss ...'");
            assertNotNull(loop.progress());
            assertTrue(loop.progress().draws() >= 3);
        } finally {
            FakeKernelDisplay.clear();
        }
    }

    @Test
    void notebookChartSaysWhenTheLossDiverged() {
        FakeKernelDisplay.clear();
        NotebookDisplay display = NotebookDisplay.find(List.of("dl10.lib.FakeKernelDisplay"));
        try (NDManager m = NDManager.newBaseManager()) {
            assertThrows(LossNotFiniteException.class, () -> TrainingLoop.steps(m, 5).epochs(2).title("gan")
                    .display(display).run(b -> b.manager().create(b.epoch() == 2 ? Float.NaN : 1f)));
            Object last = FakeKernelDisplay.OBJECTS.get(FakeKernelDisplay.OBJECTS.size() - 1);
            String title = ((org.knowm.xchart.XYChart) last).getTitle();
            assertTrue(title.startsWith("gan · stopped: the loss is not finite · "), title);
        } finally {
            FakeKernelDisplay.clear();
        }
    }

    @Test
    void engineIsPyTorch() {
        assertEquals("PyTorch", Engine.getInstance().getEngineName());
    }
}
