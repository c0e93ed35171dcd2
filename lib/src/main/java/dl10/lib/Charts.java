package dl10.lib;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Charts for the lessons, all of one fixed default size (640x400) with readable DejaVu fonts,
 * a title and axis labels: training histories, line and scatter plots, bar charts (XChart objects,
 * which the notebook kernels draw as PNG), and image grids and annotated heatmaps (returned as
 * {@link BufferedImage}). Everything renders headless; {@link #save} writes PNG or SVG.
 */
public final class Charts {

    /** Default chart width in pixels. */
    public static final int WIDTH = 640;
    /** Default chart height in pixels. */
    public static final int HEIGHT = 400;

    static final String FONT = "DejaVu Sans";

    private Charts() {
    }

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /**
     * Plots columns of a training history against the epoch: losses and metrics to minimize on the
     * left axis, other metrics (accuracies...) on a right axis. With no names it plots every loss
     * and metric column.
     */
    public static XYChart history(TrainingHistory history, String... series) {
        List<String> names = series.length == 0 ? history.valueColumns() : Arrays.asList(series);
        if (names.isEmpty()) {
            throw new IllegalArgumentException("the history has no loss or metric column to plot");
        }
        for (String name : names) {
            history.values(name); // fails early, listing the available columns
        }
        boolean anyLow = names.stream().anyMatch(history::isMinimized);
        boolean anyHigh = names.stream().anyMatch(n -> !history.isMinimized(n));
        boolean anyLoss = names.stream().anyMatch(history::isLoss);
        XYChart chart = xy(history.title(), "epoch", anyLoss ? "loss" : "value");
        double[] epochs = history.epochsAsDoubles();
        for (String name : names) {
            XYSeries s = chart.addSeries(name, epochs, history.values(name));
            if (anyLow && anyHigh && !history.isMinimized(name)) {
                s.setYAxisGroup(1);
            }
        }
        if (anyLow && anyHigh) {
            chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
            chart.setYAxisGroupTitle(1, "metric");
        }
        if (epochs.length < 2) {
            chart.getStyler().setMarkerSize(8);
        }
        return chart;
    }

    /** One line y(x). */
    public static XYChart line(String title, String xLabel, String yLabel, double[] x, double[] y) {
        Map<String, double[]> ys = new LinkedHashMap<>();
        ys.put(yLabel, y);
        return lines(title, xLabel, yLabel, x, ys);
    }

    /**
     * Several named lines over the same x values (series drawn in map order). Each y array must
     * have the length of x.
     */
    public static XYChart lines(String title, String xLabel, String yLabel, double[] x,
                                Map<String, double[]> ys) {
        if (ys.isEmpty()) {
            throw new IllegalArgumentException("lines(\"" + title + "\"): no series given");
        }
        XYChart chart = xy(title, xLabel, yLabel);
        for (Map.Entry<String, double[]> e : ys.entrySet()) {
            if (e.getValue().length != x.length) {
                throw new IllegalArgumentException("lines(\"" + title + "\"): series '" + e.getKey()
                        + "' has " + e.getValue().length + " values but x has " + x.length);
            }
            chart.addSeries(e.getKey(), x, e.getValue());
        }
        chart.getStyler().setLegendVisible(ys.size() > 1);
        chart.getStyler().setMarkerSize(x.length <= 30 ? 6 : 0);
        if (x.length > 30) {
            // with many equally spaced x values (a loss per batch) XChart puts a tick label on every
            // few points, 30 and more of them, unless the axis range breaks the spacing: end the axis
            // half a step after the last point, so that it chooses round ticks instead
            double lo = Arrays.stream(x).min().orElseThrow();
            double hi = Arrays.stream(x).max().orElseThrow();
            chart.getStyler().setXAxisMin(lo);
            chart.getStyler().setXAxisMax(hi + 0.5 * (hi - lo) / (x.length - 1));
        }
        return chart;
    }

    /**
     * A scatter plot of 2-d points coloured by class: points[i] = {x, y}, classes[i] indexes
     * classNames (pass null classes for one colour).
     */
    public static XYChart scatter(String title, String xLabel, String yLabel, double[][] points,
                                  int[] classes, String[] classNames) {
        if (classes != null && classes.length != points.length) {
            throw new IllegalArgumentException("scatter(\"" + title + "\"): " + points.length
                    + " points but " + classes.length + " class labels");
        }
        int k = classes == null ? 1 : classNames.length;
        List<List<Double>> xs = new ArrayList<>();
        List<List<Double>> ysList = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            xs.add(new ArrayList<>());
            ysList.add(new ArrayList<>());
        }
        for (int i = 0; i < points.length; i++) {
            if (points[i].length != 2) {
                throw new IllegalArgumentException("scatter(\"" + title + "\"): point " + i + " has "
                        + points[i].length + " coordinates; expected 2 (x, y)");
            }
            int c = classes == null ? 0 : classes[i];
            if (c < 0 || c >= k) {
                throw new IllegalArgumentException("scatter(\"" + title + "\"): point " + i + " has class "
                        + c + " but there are " + k + " class names");
            }
            xs.get(c).add(points[i][0]);
            ysList.get(c).add(points[i][1]);
        }
        XYChart chart = xy(title, xLabel, yLabel);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(points.length > 2000 ? 3 : 6);
        for (int c = 0; c < k; c++) {
            if (xs.get(c).isEmpty()) {
                continue;
            }
            String name = classes == null ? yLabel : classNames[c];
            chart.addSeries(name, xs.get(c), ysList.get(c)).setMarker(SeriesMarkers.CIRCLE);
        }
        chart.getStyler().setLegendVisible(classes != null);
        return chart;
    }

    /** A bar chart of one value per category. */
    public static CategoryChart bar(String title, String[] categories, double[] values) {
        if (categories.length != values.length) {
            throw new IllegalArgumentException("bar(\"" + title + "\"): " + categories.length
                    + " categories but " + values.length + " values");
        }
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("").yAxisTitle("").build();
        style(chart.getStyler());
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisLabelRotation(categories.length > 8 ? 45 : 0);
        List<String> cats = Arrays.asList(categories);
        List<Double> vals = new ArrayList<>();
        for (double v : values) {
            vals.add(v);
        }
        chart.addSeries(title, cats, vals);
        return chart;
    }

    /**
     * A grid of images with an optional caption under each, every image enlarged by an integer
     * scale (nearest neighbour, so pixels stay sharp).
     */
    public static BufferedImage imageGrid(List<BufferedImage> images, int columns, String[] captions,
                                          int scale) {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("imageGrid: no images given");
        }
        if (columns < 1 || scale < 1) {
            throw new IllegalArgumentException("imageGrid: columns and scale must be >= 1, got columns="
                    + columns + ", scale=" + scale);
        }
        if (captions != null && captions.length != images.size()) {
            throw new IllegalArgumentException("imageGrid: " + images.size() + " images but "
                    + captions.length + " captions");
        }
        int cellW = 0;
        int cellH = 0;
        for (BufferedImage img : images) {
            cellW = Math.max(cellW, img.getWidth() * scale);
            cellH = Math.max(cellH, img.getHeight() * scale);
        }
        int pad = 4;
        int captionH = captions == null ? 0 : 16;
        cellW = Math.max(cellW, captions == null ? 0 : 40);
        int rows = (images.size() + columns - 1) / columns;
        int cols = Math.min(columns, images.size());
        BufferedImage out = new BufferedImage(cols * (cellW + pad) + pad,
                rows * (cellH + captionH + pad) + pad, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(FONT, Font.PLAIN, 11));
        FontMetrics fm = g.getFontMetrics();
        for (int i = 0; i < images.size(); i++) {
            BufferedImage img = images.get(i);
            int x0 = pad + (i % columns) * (cellW + pad);
            int y0 = pad + (i / columns) * (cellH + captionH + pad);
            int w = img.getWidth() * scale;
            int h = img.getHeight() * scale;
            g.drawImage(img, x0 + (cellW - w) / 2, y0 + (cellH - h) / 2, w, h, null);
            if (captions != null) {
                String text = fit(captions[i], fm, cellW + pad);
                g.setColor(Color.BLACK);
                g.drawString(text, x0 + (cellW - fm.stringWidth(text)) / 2, y0 + cellH + 12);
            }
        }
        g.dispose();
        return out;
    }

    /**
     * A grid of grey-scale images given as rows of height*width pixels in [0, 1] (values outside
     * are clipped), e.g. MNIST digits or generated samples.
     */
    public static BufferedImage imageGrid(float[][] pixels, int height, int width, int columns,
                                          String[] captions, int scale) {
        List<BufferedImage> images = new ArrayList<>();
        for (int i = 0; i < pixels.length; i++) {
            if (pixels[i].length != height * width) {
                throw new IllegalArgumentException("imageGrid: image " + i + " has " + pixels[i].length
                        + " pixels but height*width = " + height + "*" + width + " = " + height * width);
            }
            images.add(toImage(pixels[i], 1, height, width));
        }
        return imageGrid(images, columns, captions, scale);
    }

    /**
     * One image from pixel values in [0, 1] (clipped), laid out channel-first (C, H, W) as in DJL;
     * channels is 1 (grey) or 3 (RGB).
     */
    public static BufferedImage toImage(float[] pixels, int channels, int height, int width) {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("toImage: channels must be 1 or 3, got " + channels);
        }
        if (pixels.length != channels * height * width) {
            throw new IllegalArgumentException("toImage: " + pixels.length + " values but shape ("
                    + channels + ", " + height + ", " + width + ") needs " + channels * height * width);
        }
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int plane = height * width;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int p = y * width + x;
                int r = byteOf(pixels[p]);
                int gr = channels == 3 ? byteOf(pixels[plane + p]) : r;
                int b = channels == 3 ? byteOf(pixels[2 * plane + p]) : r;
                img.setRGB(x, y, (r << 16) | (gr << 8) | b);
            }
        }
        return img;
    }

    private static int byteOf(float v) {
        if (Float.isNaN(v)) {
            return 0;
        }
        return Math.round(Math.max(0f, Math.min(1f, v)) * 255f);
    }

    /**
     * A heatmap of a matrix (confusion matrix, attention weights, positional encodings) with row and
     * column labels and a colour bar. Values of one sign get a sequential blue scale from the smallest
     * to the largest value; a matrix with both negative and positive values gets a diverging scale
     * (blue for negative, white for 0, red for positive, symmetric about 0) so that the sign can be
     * read. Small matrices (at most 20x20) have square cells that show their values; larger ones
     * stretch their cells to fill the frame.
     */
    public static BufferedImage heatmap(double[][] values, String[] rowLabels, String[] colLabels,
                                        String title) {
        int rows = values.length;
        if (rows == 0 || values[0].length == 0) {
            throw new IllegalArgumentException("heatmap(\"" + title + "\"): the matrix is empty");
        }
        int cols = values[0].length;
        for (int r = 0; r < rows; r++) {
            if (values[r].length != cols) {
                throw new IllegalArgumentException("heatmap(\"" + title + "\"): row " + r + " has "
                        + values[r].length + " values but row 0 has " + cols);
            }
        }
        if (rowLabels != null && rowLabels.length != rows || colLabels != null && colLabels.length != cols) {
            throw new IllegalArgumentException("heatmap(\"" + title + "\"): matrix is " + rows + "x" + cols
                    + " but got " + (rowLabels == null ? "no" : rowLabels.length) + " row labels and "
                    + (colLabels == null ? "no" : colLabels.length) + " column labels");
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double[] row : values) {
            for (double v : row) {
                if (Double.isFinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        boolean diverging = min < 0 && max > 0;
        double bound = Math.max(Math.abs(min), Math.abs(max));
        BufferedImage out = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setColor(Color.BLACK);
        g.setFont(new Font(FONT, Font.BOLD, 16));
        FontMetrics tfm = g.getFontMetrics();
        g.drawString(title, (WIDTH - tfm.stringWidth(title)) / 2, 24);
        Font labelFont = new Font(FONT, Font.PLAIN, rows > 30 || cols > 30 ? 9 : 12);
        g.setFont(labelFont);
        FontMetrics fm = g.getFontMetrics();
        int left = 10;
        if (rowLabels != null) {
            for (String s : rowLabels) {
                left = Math.max(left, fm.stringWidth(s) + 14);
            }
        }
        left = Math.min(left, WIDTH / 4);
        int top = 40;
        int bottom = colLabels == null ? 10 : 10 + Math.min(HEIGHT / 4,
                Arrays.stream(colLabels).mapToInt(fm::stringWidth).max().orElse(0) + 6);
        int legendW = 70;
        int availW = WIDTH - left - legendW - 10;
        int availH = HEIGHT - top - bottom;
        boolean small = rows <= 20 && cols <= 20;
        int cell = Math.max(1, Math.min(availW / cols, availH / rows));
        // small matrices keep square cells (values are written in them); large ones fill the frame
        int cellW = small ? cell : Math.max(1, availW / cols);
        int cellH = small ? cell : Math.max(1, availH / rows);
        int gridW = cellW * cols;
        int gridH = cellH * rows;
        boolean writeValues = small && cell >= 18;
        Font valueFont = new Font(FONT, Font.PLAIN, Math.max(8, Math.min(13, cell / 3)));
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double v = values[r][c];
                Color color;
                boolean dark;
                if (!Double.isFinite(v)) {
                    color = Color.LIGHT_GRAY;
                    dark = false;
                } else if (diverging) {
                    double u = v / bound;
                    color = diverging(u);
                    dark = Math.abs(u) > 0.6;
                } else {
                    double t = max > min ? (v - min) / (max - min) : 0.5;
                    color = blue(t);
                    dark = t > 0.55;
                }
                int x = left + c * cellW;
                int y = top + r * cellH;
                g.setColor(color);
                g.fillRect(x, y, cellW, cellH);
                if (writeValues) {
                    g.setFont(valueFont);
                    String text = cellText(v);
                    FontMetrics vfm = g.getFontMetrics();
                    g.setColor(dark ? Color.WHITE : Color.BLACK);
                    g.drawString(text, x + (cellW - vfm.stringWidth(text)) / 2,
                            y + (cellH + vfm.getAscent() - vfm.getDescent()) / 2);
                }
            }
        }
        g.setFont(labelFont);
        g.setColor(Color.BLACK);
        // label every row/column when they fit, else every k-th so that labels never overlap
        int rowStep = labelStep(fm.getHeight(), cellH);
        int colStep = labelStep(fm.getHeight(), cellW);
        if (rowLabels != null) {
            for (int r = 0; r < rows; r += rowStep) {
                String s = fit(rowLabels[r], fm, left - 8);
                g.drawString(s, left - 6 - fm.stringWidth(s), top + r * cellH + (cellH + fm.getAscent()) / 2 - 2);
            }
        }
        if (colLabels != null) {
            for (int c = 0; c < cols; c += colStep) {
                String s = fit(colLabels[c], fm, bottom - 8);
                Graphics2D gr = (Graphics2D) g.create();
                gr.translate(left + c * cellW + (cellW + fm.getAscent()) / 2 - 2, top + gridH + 6);
                gr.rotate(Math.PI / 2);
                gr.drawString(s, 0, 0);
                gr.dispose();
            }
        }
        int lx = left + gridW + 16;
        for (int y = 0; y < gridH; y++) {
            double f = 1.0 - (double) y / Math.max(1, gridH - 1);
            g.setColor(diverging ? diverging(2 * f - 1) : blue(f));
            g.fillRect(lx, top + y, 14, 1);
        }
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(lx, top, 14, gridH);
        g.setFont(new Font(FONT, Font.PLAIN, 10));
        if (Double.isFinite(max)) {
            double hi = diverging ? bound : max;
            double lo = diverging ? -bound : min;
            g.drawString(cellText(hi), lx + 18, top + 10);
            g.drawString(cellText(lo), lx + 18, top + gridH);
            if (diverging) {
                g.drawString("0", lx + 18, top + gridH / 2 + 4);
            }
        }
        g.dispose();
        return out;
    }

    /** Every how many rows (or columns) a label fits without overlapping its neighbours. */
    private static int labelStep(int labelHeight, int cellSize) {
        int step = 1;
        while (step * cellSize < labelHeight - 2) {
            step = step < 5 ? step + 1 : step * 2;
        }
        return step;
    }

    /** Blue for -1, white for 0, red for +1 (values clipped to [-1, 1]). */
    private static Color diverging(double u) {
        double v = Math.max(-1, Math.min(1, u));
        Color end = v < 0 ? new Color(33, 102, 172) : new Color(178, 24, 43);
        double a = Math.abs(v);
        return new Color((int) Math.round(247 + a * (end.getRed() - 247)),
                (int) Math.round(247 + a * (end.getGreen() - 247)),
                (int) Math.round(247 + a * (end.getBlue() - 247)));
    }

    /** The same heatmap for an integer matrix such as a confusion matrix from {@link Metrics}. */
    public static BufferedImage heatmap(int[][] counts, String[] rowLabels, String[] colLabels, String title) {
        double[][] v = new double[counts.length][];
        for (int r = 0; r < counts.length; r++) {
            v[r] = Arrays.stream(counts[r]).asDoubleStream().toArray();
        }
        return heatmap(v, rowLabels, colLabels, title);
    }

    /**
     * Saves an XChart chart or a BufferedImage: PNG for a ".png" file name, SVG for ".svg" (SVG
     * only for XChart charts, since a BufferedImage has no vector form). Creates missing folders.
     */
    public static void save(Object chartOrImage, Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean png = name.endsWith(".png");
        boolean svg = name.endsWith(".svg");
        if (!png && !svg) {
            throw new IllegalArgumentException("save: cannot tell the format of " + file
                    + "; name the file *.png or *.svg");
        }
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            if (chartOrImage instanceof Chart<?, ?> chart) {
                if (png) {
                    ImageIO.write(BitmapEncoder.getBufferedImage(chart), "png", file.toFile());
                } else {
                    try (var out = Files.newOutputStream(file)) {
                        VectorGraphicsEncoder.saveVectorGraphic(chart, out,
                                VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
                    }
                }
            } else if (chartOrImage instanceof BufferedImage image) {
                if (svg) {
                    throw new IllegalArgumentException("save: " + file + " asks for SVG but an image has no"
                            + " vector form; save it as .png");
                }
                ImageIO.write(image, "png", file.toFile());
            } else {
                throw new IllegalArgumentException("save: can save an XChart chart or a BufferedImage, not "
                        + (chartOrImage == null ? "null" : chartOrImage.getClass().getName()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Draws a chart as an image of its own size (how the kernels show it). */
    public static BufferedImage toImage(Chart<?, ?> chart) {
        return BitmapEncoder.getBufferedImage(chart);
    }

    static XYChart xy(String title, String xLabel, String yLabel) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        style(chart.getStyler());
        chart.getStyler().setMarkerSize(5);
        return chart;
    }

    static void style(AxesChartStyler s) {
        s.setChartTitleFont(new Font(FONT, Font.BOLD, 16));
        s.setAxisTitleFont(new Font(FONT, Font.PLAIN, 14));
        s.setAxisTickLabelsFont(new Font(FONT, Font.PLAIN, 12));
        s.setLegendFont(new Font(FONT, Font.PLAIN, 12));
        // below the plot, in a row: a legend inside the plot area sooner or later covers data
        s.setLegendPosition(Styler.LegendPosition.OutsideS);
        s.setLegendLayout(Styler.LegendLayout.Horizontal);
        s.setLegendBorderColor(Color.WHITE);
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderVisible(true);
        s.setAntiAlias(true);
        s.setXAxisTickMarkSpacingHint(80);
    }

    private static Color blue(double t) {
        double u = Math.max(0, Math.min(1, t));
        int r = (int) Math.round(247 - u * (247 - 8));
        int g = (int) Math.round(251 - u * (251 - 48));
        int b = (int) Math.round(255 - u * (255 - 107));
        return new Color(r, g, b);
    }

    private static String cellText(double v) {
        if (!Double.isFinite(v)) {
            return String.valueOf(v);
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e6) {
            return String.valueOf((long) v);
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 10 ? "%.1f" : "%.2f", v);
    }

    private static String fit(String text, FontMetrics fm, int width) {
        if (fm.stringWidth(text) <= width) {
            return text;
        }
        String s = text;
        while (s.length() > 1 && fm.stringWidth(s + "…") > width) {
            s = s.substring(0, s.length() - 1);
        }
        return s + "…";
    }
}
