package dl10.lib;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A chart of repeated runs: one category per compared setting, a grey bar at the mean of its runs
 * and one dot per run, coloured by run index, so that run i (seed i) of every setting has the same
 * colour and the pairing that {@link Stats#paired} and {@link Results#requireGain} rely on can be
 * followed by eye (the legend names the first {@value #MAX_LEGEND_RUNS} runs). Lessons use it to show a
 * comparison over seeds with its spread rather than a single bar per setting.
 */
public final class RunsChart {

    /** Runs named in the legend; later runs are drawn but not listed. */
    static final int MAX_LEGEND_RUNS = 6;

    private RunsChart() {
    }

    /**
     * The chart of runs.get(setting)[i] for every setting (in map order) and run i, at the library's
     * chart size.
     *
     * @param title what is plotted, e.g. "Test accuracy over 3 seeds"
     * @param yLabel the measured quantity with its unit
     * @param runs setting name to one value per run; every setting must have the same number of runs
     *     (at least one), all finite
     * @param runLabel what a run is called in the legend, e.g. "seed" (gives "seed 1", "seed 2", ...)
     * @throws IllegalArgumentException if runs is empty, the settings have different numbers of
     *     runs, or a value is NaN or infinite
     */
    public static CategoryChart of(String title, String yLabel, Map<String, double[]> runs, String runLabel) {
        if (runs == null || runs.isEmpty()) {
            throw new IllegalArgumentException("RunsChart \"" + title + "\": no settings given; pass setting name -> one value per run");
        }
        int n = -1;
        String first = null;
        for (Map.Entry<String, double[]> e : runs.entrySet()) {
            double[] v = e.getValue();
            if (v == null || v.length == 0) {
                throw new IllegalArgumentException("RunsChart \"" + title + "\": setting '" + e.getKey() + "' has no runs");
            }
            if (n >= 0 && v.length != n) {
                throw new IllegalArgumentException("RunsChart \"" + title + "\": setting '" + e.getKey() + "' has " + v.length
                        + " runs but '" + first + "' has " + n + "; run every setting with the same seeds");
            }
            for (int i = 0; i < v.length; i++) {
                if (!Double.isFinite(v[i])) {
                    throw new IllegalArgumentException("RunsChart \"" + title + "\": run " + (i + 1) + " of '" + e.getKey()
                            + "' is " + v[i] + "; a run failed or diverged");
                }
            }
            if (n < 0) {
                n = v.length;
                first = e.getKey();
            }
        }
        CategoryChart chart = new CategoryChartBuilder().width(Charts.WIDTH).height(Charts.HEIGHT).title(title)
                .xAxisTitle("").yAxisTitle(yLabel).build();
        Charts.style(chart.getStyler());
        chart.getStyler().setOverlapped(true);
        // labels side by side need about 7 px per character; rotate them when they would collide
        int longest = runs.keySet().stream().mapToInt(String::length).max().orElse(0);
        chart.getStyler().setXAxisLabelRotation(runs.size() > 5 || longest * 7 > (Charts.WIDTH - 100) / runs.size() ? 20 : 0);
        chart.getStyler().setMarkerSize(9);
        List<String> settings = new ArrayList<>(runs.keySet());
        List<Double> means = new ArrayList<>();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] v : runs.values()) {
            means.add(Stats.summary(v).mean());
            for (double x : v) {
                lo = Math.min(lo, x);
                hi = Math.max(hi, x);
            }
        }
        CategorySeries bars = chart.addSeries("mean", settings, means);
        bars.setFillColor(new Color(0xD0D0D0));
        bars.setLineColor(new Color(0x909090));
        for (int i = 0; i < n; i++) {
            List<Double> values = new ArrayList<>();
            for (double[] v : runs.values()) {
                values.add(v[i]);
            }
            CategorySeries dots = chart.addSeries(runLabel + " " + (i + 1), settings, values);
            dots.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Scatter);
            dots.setMarker(SeriesMarkers.CIRCLE);
            // one legend row holds about six entries; with more runs the legend names only the first
            // six, and the colours still pair the runs across settings
            dots.setShowInLegend(i < MAX_LEGEND_RUNS);
        }
        // bars start at the axis minimum: zoom in on the runs, with a margin, unless they are near 0
        double span = Math.max(hi - lo, Math.abs(hi) * 0.02 + 1e-12);
        double min = lo - 0.6 * span;
        if (lo >= 0 && min < 0.25 * lo) {
            min = 0;
        }
        chart.getStyler().setYAxisMin(min);
        chart.getStyler().setYAxisMax(hi + 0.25 * span);
        return chart;
    }
}
