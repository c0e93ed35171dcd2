package dl10.lib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartsTest {

    @TempDir
    Path dir;

    /** At least this many distinct colours: the picture is not blank. */
    static void assertDrawn(BufferedImage img, int width, int height, int minColours) {
        assertEquals(width, img.getWidth());
        assertEquals(height, img.getHeight());
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                colours.add(img.getRGB(x, y));
            }
        }
        assertTrue(colours.size() >= minColours, "only " + colours.size() + " colours");
    }

    @Test
    void longCurvesGetAFixedXRangeSoTheirTicksAreRound() {
        double[] x = new double[141];
        double[] y = new double[141];
        for (int i = 0; i < x.length; i++) {
            x[i] = i + 1;
            y[i] = Math.exp(-i / 30.0);
        }
        XYChart longCurve = Charts.line("loss per batch", "batch", "loss", x, y);
        assertEquals(1.0, longCurve.getStyler().getXAxisMin());
        assertEquals(141.5, longCurve.getStyler().getXAxisMax(), 1e-9, "the axis ends off the points' grid");
        assertDrawn(Charts.toImage(longCurve), Charts.WIDTH, Charts.HEIGHT, 3);
        XYChart shortCurve = Charts.line("loss per epoch", "epoch", "loss", new double[] {1, 2, 3}, new double[] {3, 2, 1});
        assertEquals(null, shortCurve.getStyler().getXAxisMin(), "a short curve keeps XChart's own range");
    }

    @Test
    void historyPlotsLossesLeftAndMetricsRight() {
        TrainingHistory h = TrainingHistoryTest.sample();
        XYChart all = Charts.history(h);
        assertEquals(List.of("loss", "acc", "test loss"), List.copyOf(all.getSeriesMap().keySet()));
        assertEquals(1, all.getSeriesMap().get("acc").getYAxisGroup());
        assertEquals(0, all.getSeriesMap().get("loss").getYAxisGroup());
        assertEquals(0, all.getSeriesMap().get("test loss").getYAxisGroup(), "a metric to minimize shares the loss axis");
        assertEquals("run", all.getTitle());
        assertEquals("epoch", all.getXAxisTitle());
        assertDrawn(Charts.toImage(all), 640, 400, 10);
        XYChart one = Charts.history(h, "acc");
        assertEquals(Set.of("acc"), one.getSeriesMap().keySet());
        assertEquals(0, one.getSeriesMap().get("acc").getYAxisGroup());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Charts.history(h, "accuracy"));
        assertTrue(e.getMessage().contains("available: epoch, loss, acc, test loss, seconds"), e.getMessage());
        TrainingHistory empty = new TrainingHistory("e", List.of(), List.of(), Set.of());
        assertEquals("the history has no loss or metric column to plot",
                assertThrows(IllegalArgumentException.class, () -> Charts.history(empty)).getMessage());
    }

    @Test
    void lineAndLines() {
        double[] x = {1, 2, 3};
        XYChart one = Charts.line("t", "x", "y", x, new double[] {3, 1, 2});
        assertEquals("t", one.getTitle());
        assertEquals("y", one.getYAxisTitle());
        assertDrawn(Charts.toImage(one), 640, 400, 8);
        Map<String, double[]> ys = new LinkedHashMap<>();
        ys.put("a", new double[] {1, 2, 3});
        ys.put("b", new double[] {3, 2});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Charts.lines("t", "x", "y", x, ys));
        assertEquals("lines(\"t\"): series 'b' has 2 values but x has 3", e.getMessage());
        ys.put("b", new double[] {3, 2, 1});
        assertEquals(2, Charts.lines("t", "x", "y", x, ys).getSeriesMap().size());
        assertEquals("lines(\"t\"): no series given",
                assertThrows(IllegalArgumentException.class, () -> Charts.lines("t", "x", "y", x, Map.of())).getMessage());
    }

    @Test
    void scatterGroupsPointsByClass() {
        double[][] pts = {{0, 0}, {1, 1}, {2, 0}, {3, 3}};
        XYChart c = Charts.scatter("s", "x", "y", pts, new int[] {0, 1, 0, 1}, new String[] {"cat", "dog"});
        assertEquals(Set.of("cat", "dog"), c.getSeriesMap().keySet());
        assertDrawn(Charts.toImage(c), 640, 400, 8);
        assertEquals(1, Charts.scatter("s", "x", "y", pts, null, null).getSeriesMap().size());
        assertEquals("scatter(\"s\"): 4 points but 1 class labels",
                assertThrows(IllegalArgumentException.class,
                        () -> Charts.scatter("s", "x", "y", pts, new int[] {0}, new String[] {"a"})).getMessage());
        assertEquals("scatter(\"s\"): point 1 has class 2 but there are 2 class names",
                assertThrows(IllegalArgumentException.class,
                        () -> Charts.scatter("s", "x", "y", pts, new int[] {0, 2, 0, 0}, new String[] {"a", "b"})).getMessage());
        assertEquals("scatter(\"s\"): point 0 has 3 coordinates; expected 2 (x, y)",
                assertThrows(IllegalArgumentException.class,
                        () -> Charts.scatter("s", "x", "y", new double[][] {{1, 2, 3}}, null, null)).getMessage());
    }

    @Test
    void barChart() {
        CategoryChart c = Charts.bar("counts", new String[] {"a", "b"}, new double[] {3, 5});
        assertDrawn(Charts.toImage(c), 640, 400, 8);
        assertEquals("bar(\"counts\"): 2 categories but 1 values",
                assertThrows(IllegalArgumentException.class,
                        () -> Charts.bar("counts", new String[] {"a", "b"}, new double[] {3})).getMessage());
    }

    @Test
    void imageGridLaysOutScaledImagesWithCaptions() {
        float[][] px = new float[5][28 * 28];
        for (int i = 0; i < 5; i++) {
            for (int p = 0; p < px[i].length; p++) {
                px[i][p] = (p % 28) / 27f;
            }
        }
        BufferedImage g = Charts.imageGrid(px, 28, 28, 3, new String[] {"0", "1", "2", "3", "4"}, 2);
        // 3 columns of 56 px + 4 px padding; 2 rows of 56 px + 16 px caption + 4 px padding
        assertDrawn(g, 3 * 60 + 4, 2 * 76 + 4, 20);
        BufferedImage noCaptions = Charts.imageGrid(px, 28, 28, 5, null, 1);
        assertEquals(5 * 32 + 4, noCaptions.getWidth());
        assertEquals(32 + 4, noCaptions.getHeight());
        assertEquals("imageGrid: image 0 has 784 pixels but height*width = 28*27 = 756",
                assertThrows(IllegalArgumentException.class, () -> Charts.imageGrid(px, 28, 27, 3, null, 1)).getMessage());
        assertEquals("imageGrid: 5 images but 1 captions",
                assertThrows(IllegalArgumentException.class, () -> Charts.imageGrid(px, 28, 28, 3, new String[] {"x"}, 1)).getMessage());
        assertEquals("imageGrid: columns and scale must be >= 1, got columns=0, scale=1",
                assertThrows(IllegalArgumentException.class, () -> Charts.imageGrid(px, 28, 28, 0, null, 1)).getMessage());
        assertEquals("imageGrid: no images given",
                assertThrows(IllegalArgumentException.class, () -> Charts.imageGrid(List.of(), 3, null, 1)).getMessage());
    }

    @Test
    void toImageHandlesGreyAndRgbChannelFirst() {
        BufferedImage grey = Charts.toImage(new float[] {0f, 1f, 0.5f, 2f}, 1, 2, 2);
        assertEquals(0x000000, grey.getRGB(0, 0) & 0xffffff);
        assertEquals(0xffffff, grey.getRGB(1, 0) & 0xffffff);
        assertEquals(0x808080, grey.getRGB(0, 1) & 0xffffff);
        assertEquals(0xffffff, grey.getRGB(1, 1) & 0xffffff, "clipped to 1");
        BufferedImage rgb = Charts.toImage(new float[] {1, 0, 0}, 3, 1, 1);
        assertEquals(0xff0000, rgb.getRGB(0, 0) & 0xffffff);
        assertEquals("toImage: channels must be 1 or 3, got 2",
                assertThrows(IllegalArgumentException.class, () -> Charts.toImage(new float[4], 2, 1, 2)).getMessage());
        assertEquals("toImage: 3 values but shape (1, 2, 2) needs 4",
                assertThrows(IllegalArgumentException.class, () -> Charts.toImage(new float[3], 1, 2, 2)).getMessage());
    }

    @Test
    void signedHeatmapIsDivergingAndLargeOnesFillTheFrame() {
        // 50 positions x 32 dimensions of sines and cosines, as positional encodings are
        double[][] pe = new double[50][32];
        for (int p = 0; p < 50; p++) {
            for (int i = 0; i < 32; i++) {
                pe[p][i] = i % 2 == 0 ? Math.sin(p / Math.pow(100, i / 32.0)) : Math.cos(p / Math.pow(100, (i - 1) / 32.0));
            }
        }
        BufferedImage img = Charts.heatmap(pe, null, null, "positional encodings");
        int reds = 0;
        int blues = 0;
        int white = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                java.awt.Color c = new java.awt.Color(img.getRGB(x, y));
                if (c.getRed() > c.getBlue() + 60) {
                    reds++;
                } else if (c.getBlue() > c.getRed() + 60) {
                    blues++;
                } else if (c.getRGB() == java.awt.Color.WHITE.getRGB()) {
                    white++;
                }
            }
        }
        assertTrue(reds > 20_000 && blues > 20_000, "both signs visible: " + reds + " red, " + blues + " blue pixels");
        assertTrue(white < 0.5 * img.getWidth() * img.getHeight(), "the matrix fills most of the frame: " + white + " white pixels");
        // a one-signed matrix keeps the sequential blue scale: no red at all
        BufferedImage counts = Charts.heatmap(new double[][] {{1, 5}, {2, 9}}, null, null, "counts");
        for (int y = 0; y < counts.getHeight(); y++) {
            for (int x = 0; x < counts.getWidth(); x++) {
                java.awt.Color c = new java.awt.Color(counts.getRGB(x, y));
                assertTrue(c.getRed() <= c.getBlue() + 60, "no red in a one-signed heatmap");
            }
        }
    }

    @Test
    void heatmapOfConfusionMatrix() {
        int[][] cm = Metrics.confusionMatrix(new int[] {0, 1, 2, 2}, new int[] {0, 2, 2, 2}, 3);
        String[] names = {"cat", "dog", "bird"};
        BufferedImage img = Charts.heatmap(cm, names, names, "confusion matrix");
        assertDrawn(img, 640, 400, 10);
        double[][] attention = new double[40][40];
        for (int i = 0; i < 40; i++) {
            attention[i][i] = 1;
        }
        assertDrawn(Charts.heatmap(attention, null, null, "attention"), 640, 400, 3);
        assertEquals("heatmap(\"t\"): row 1 has 1 values but row 0 has 2",
                assertThrows(IllegalArgumentException.class,
                        () -> Charts.heatmap(new double[][] {{1, 2}, {3}}, null, null, "t")).getMessage());
        assertEquals("heatmap(\"t\"): matrix is 1x2 but got 2 row labels and no column labels",
                assertThrows(IllegalArgumentException.class,
                        () -> Charts.heatmap(new double[][] {{1, 2}}, new String[] {"a", "b"}, null, "t")).getMessage());
        assertEquals("heatmap(\"t\"): the matrix is empty",
                assertThrows(IllegalArgumentException.class, () -> Charts.heatmap(new double[0][], null, null, "t")).getMessage());
    }

    @Test
    void saveWritesPngAndSvg() throws Exception {
        XYChart chart = Charts.line("t", "x", "y", new double[] {1, 2}, new double[] {1, 2});
        Path png = dir.resolve("out/chart.png");
        Charts.save(chart, png);
        BufferedImage read = ImageIO.read(png.toFile());
        assertEquals(640, read.getWidth());
        Path svg = dir.resolve("chart.svg");
        Charts.save(chart, svg);
        assertTrue(Files.readString(svg).contains("<svg"));
        Path imgPng = dir.resolve("grid.png");
        Charts.save(new CartPole(1).render(), imgPng);
        assertEquals(600, ImageIO.read(imgPng.toFile()).getWidth());
        assertEquals("save: " + dir.resolve("grid.svg") + " asks for SVG but an image has no vector form; save it as .png",
                assertThrows(IllegalArgumentException.class, () -> Charts.save(new CartPole(1).render(), dir.resolve("grid.svg")))
                        .getMessage());
        assertEquals("save: cannot tell the format of " + dir.resolve("a.jpg") + "; name the file *.png or *.svg",
                assertThrows(IllegalArgumentException.class, () -> Charts.save(chart, dir.resolve("a.jpg"))).getMessage());
        assertEquals("save: can save an XChart chart or a BufferedImage, not java.lang.String",
                assertThrows(IllegalArgumentException.class, () -> Charts.save("text", dir.resolve("a.png"))).getMessage());
    }
}
