package dl10.lib;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.XYChart;

/**
 * The training loop's progress display. In a notebook it is one output, replaced in place by a
 * picture of the loss curve whose title says "epoch e/E · batch b/B · loss · elapsed · ETA";
 * updates are throttled so that drawing costs at most about 2 % of the time (the next update waits
 * at least {@value #COST_FACTOR} times as long as a drawing takes, the mean of the last three, and
 * at least the refresh interval; the first drawing, which loads fonts, does not count). Without a notebook it prints one short line per epoch, at most one per refresh interval
 * (and always the last one).
 */
final class LiveProgress {

    static final int COST_FACTOR = 80;

    private final NotebookDisplay display;
    private final String title;
    private final List<String> lossNames;
    private final long refreshNanos;
    private final List<Double> tickEpochs = new ArrayList<>();
    private final List<double[]> tickLosses = new ArrayList<>();
    private String displayId;
    private long nextDrawAt;
    private long lastLineAt = Long.MIN_VALUE;
    private long drawNanos;
    private long firstDrawNanos;
    private final long[] recentCosts = new long[3];
    private int draws;

    private final boolean silent;

    LiveProgress(NotebookDisplay display, String title, List<String> lossNames, double refreshSeconds) {
        this(display, title, lossNames, refreshSeconds, false);
    }

    private LiveProgress(NotebookDisplay display, String title, List<String> lossNames, double refreshSeconds,
                         boolean silent) {
        this.display = display;
        this.title = title;
        this.lossNames = lossNames;
        this.refreshNanos = (long) (refreshSeconds * 1e9);
        this.silent = silent;
    }

    /** A progress that shows nothing (the loop's {@code quiet()} setting). */
    static LiveProgress silent(String title, List<String> lossNames) {
        return new LiveProgress(NotebookDisplay.textOnly(), title, lossNames, 0, true);
    }

    boolean isNotebook() {
        return display.isNotebook();
    }

    /** Shows the (empty) chart at the start. */
    void start(int epochs, int batches) {
        if (display.isNotebook()) {
            long t0 = System.nanoTime();
            displayId = display.show(chart(title + " · starting: " + epochs + " epochs of " + batches + " batches"));
            long now = System.nanoTime();
            drawNanos += now - t0;
            firstDrawNanos = now - t0;
            nextDrawAt = now + refreshNanos; // the first drawing warms up fonts: not a typical cost
        }
    }

    /** True when a notebook update is due now. */
    boolean drawDue(long now) {
        return display.isNotebook() && now >= nextDrawAt;
    }

    /** Adds a point of the running mean loss and redraws the chart. */
    void draw(int epoch, int epochs, int batch, int batches, double[] runningLoss, long elapsedNanos) {
        tickEpochs.add(epoch - 1 + (double) batch / batches);
        tickLosses.add(runningLoss.clone());
        double done = ((epoch - 1) + (double) batch / batches) / epochs;
        String head = String.format(Locale.ROOT, "epoch %d/%d · batch %d/%d · %s %s · %s · ETA %s",
                epoch, epochs, batch, batches, lossNames.get(0), num(runningLoss[0]),
                duration(elapsedNanos), done > 0 ? duration((long) (elapsedNanos * (1 - done) / done)) : "?");
        redraw(head);
    }

    /** Redraws with a final title (training finished or stopped). */
    void finish(String status, long elapsedNanos) {
        if (display.isNotebook()) {
            redraw(title + " · " + status + " · " + duration(elapsedNanos));
        }
    }

    /** In text mode, prints the epoch's line when the refresh interval has passed (or it is the last epoch). */
    void epochLine(int epoch, int epochs, double[] losses, Map<String, Double> metrics, long epochNanos,
                   long elapsedNanos, long now) {
        if (display.isNotebook()) {
            tickEpochs.add((double) epoch);
            tickLosses.add(losses.clone());
            return;
        }
        if (silent) {
            return;
        }
        if (epoch != epochs && epoch != 1 && now - lastLineAt < refreshNanos) {
            return;
        }
        lastLineAt = now;
        StringBuilder line = new StringBuilder();
        line.append(String.format(Locale.ROOT, "epoch %d/%d", epoch, epochs));
        for (int i = 0; i < lossNames.size(); i++) {
            line.append(" · ").append(lossNames.get(i)).append(' ').append(num(losses[i]));
        }
        for (Map.Entry<String, Double> m : metrics.entrySet()) {
            line.append(" · ").append(m.getKey()).append(' ').append(num(m.getValue()));
        }
        line.append(" · ").append(duration(epochNanos));
        double done = (double) epoch / epochs;
        if (epoch < epochs) {
            line.append(" · ETA ").append(duration((long) (elapsedNanos * (1 - done) / done)));
        }
        display.show(line.toString());
    }

    /** Number of chart drawings so far and their total cost, for measuring the overhead. */
    int draws() {
        return draws;
    }

    long drawNanos() {
        return drawNanos;
    }

    /** Cost of the first drawing (the empty chart at the start, which also warms up fonts and encoders). */
    long firstDrawNanos() {
        return firstDrawNanos;
    }

    private void redraw(String head) {
        long t0 = System.nanoTime();
        XYChart chart = chart(head);
        if (displayId == null) {
            displayId = display.show(chart);
        } else {
            display.update(displayId, chart);
        }
        account(t0);
    }

    private void account(long t0) {
        long now = System.nanoTime();
        long cost = now - t0;
        drawNanos += cost;
        draws++;
        recentCosts[draws % recentCosts.length] = cost;
        int known = Math.min(draws, recentCosts.length);
        long typical = 0;
        for (int i = 0; i < known; i++) {
            typical += recentCosts[i] / known;
        }
        nextDrawAt = now + Math.max(refreshNanos, COST_FACTOR * typical);
    }

    private XYChart chart(String head) {
        XYChart chart = Charts.xy(head, "epoch", "loss (running mean)");
        chart.getStyler().setChartTitleFont(new java.awt.Font(Charts.FONT, java.awt.Font.BOLD, 13));
        int n = tickEpochs.size();
        if (n == 0) {
            chart.addSeries(lossNames.get(0), new double[] {0}, new double[] {0}).setShowInLegend(false);
            return chart;
        }
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = tickEpochs.get(i);
        }
        Map<String, double[]> ys = new LinkedHashMap<>();
        for (int k = 0; k < lossNames.size(); k++) {
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                y[i] = tickLosses.get(i)[k];
            }
            ys.put(lossNames.get(k), y);
        }
        for (Map.Entry<String, double[]> e : ys.entrySet()) {
            chart.addSeries(e.getKey(), x, e.getValue());
        }
        chart.getStyler().setMarkerSize(n <= 30 ? 5 : 0);
        chart.getStyler().setLegendVisible(lossNames.size() > 1);
        return chart;
    }

    static String num(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        double a = Math.abs(v);
        if (a != 0 && (a < 1e-3 || a >= 1e5)) {
            return String.format(Locale.ROOT, "%.3e", v);
        }
        return String.format(Locale.ROOT, "%.4f", v);
    }

    static String duration(long nanos) {
        double s = nanos / 1e9;
        if (s < 60) {
            return String.format(Locale.ROOT, "%.1f s", s);
        }
        long total = Math.round(s);
        if (total < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", total / 60, total % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", total / 3600, (total % 3600) / 60);
    }
}
