package dl10.lib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;

class RunsChartTest {

    @Test
    void drawsAMeanBarAndOneDotSeriesPerRun() {
        Map<String, double[]> runs = new LinkedHashMap<>();
        runs.put("LeNet", new double[] {0.95, 0.96, 0.955});
        runs.put("MLP", new double[] {0.90, 0.91, 0.905});
        CategoryChart chart = RunsChart.of("Test accuracy over 3 seeds", "test accuracy", runs, "seed");
        assertEquals(4, chart.getSeriesMap().size());
        assertTrue(chart.getSeriesMap().containsKey("mean"));
        assertTrue(chart.getSeriesMap().containsKey("seed 3"));
        assertEquals(0.955, chart.getSeriesMap().get("mean").getYData().iterator().next().doubleValue(), 1e-12);
        double min = chart.getStyler().getYAxisMin();
        assertTrue(min > 0.8 && min < 0.9, "the axis zooms in on the runs: " + min);
        assertEquals(0, chart.getStyler().getXAxisLabelRotation(), "short labels stay horizontal");
        BufferedImage img = Charts.toImage(chart);
        assertEquals(Charts.WIDTH, img.getWidth());
        Map<String, double[]> longNames = new LinkedHashMap<>();
        for (String name : new String[] {"plain network, 7 layers", "plain network, 23 layers", "residual network, 7 layers", "residual network, 23 layers"}) {
            longNames.put(name, new double[] {0.1, 0.2});
        }
        assertEquals(20, RunsChart.of("loss", "loss", longNames, "seed").getStyler().getXAxisLabelRotation(), "long labels are rotated");
    }

    @Test
    void manyRunsAreDrawnButOnlyTheFirstSixNamed() {
        Map<String, double[]> runs = new LinkedHashMap<>();
        runs.put("a", new double[12]);
        runs.put("b", new double[12]);
        CategoryChart chart = RunsChart.of("12 seeds", "y", runs, "seed");
        assertEquals(13, chart.getSeriesMap().size());
        assertTrue(chart.getSeriesMap().get("seed 6").isShowInLegend());
        assertTrue(!chart.getSeriesMap().get("seed 7").isShowInLegend());
    }

    @Test
    void valuesNearZeroKeepTheAxisAtZero() {
        Map<String, double[]> runs = new LinkedHashMap<>();
        runs.put("a", new double[] {0.1, 0.3});
        runs.put("b", new double[] {0.5, 0.7});
        assertEquals(0.0, RunsChart.of("loss", "loss", runs, "seed").getStyler().getYAxisMin(), 0);
    }

    @Test
    void badRunsAreExplained() {
        Map<String, double[]> uneven = new LinkedHashMap<>();
        uneven.put("a", new double[] {1, 2, 3});
        uneven.put("b", new double[] {1, 2});
        assertEquals("RunsChart \"t\": setting 'b' has 2 runs but 'a' has 3; run every setting with the same seeds",
                assertThrows(IllegalArgumentException.class, () -> RunsChart.of("t", "y", uneven, "seed")).getMessage());
        Map<String, double[]> nan = new LinkedHashMap<>();
        nan.put("a", new double[] {1, Double.NaN});
        assertEquals("RunsChart \"t\": run 2 of 'a' is NaN; a run failed or diverged",
                assertThrows(IllegalArgumentException.class, () -> RunsChart.of("t", "y", nan, "seed")).getMessage());
        assertEquals("RunsChart \"t\": no settings given; pass setting name -> one value per run",
                assertThrows(IllegalArgumentException.class, () -> RunsChart.of("t", "y", new LinkedHashMap<>(), "seed")).getMessage());
        Map<String, double[]> empty = new LinkedHashMap<>();
        empty.put("a", new double[0]);
        assertEquals("RunsChart \"t\": setting 'a' has no runs",
                assertThrows(IllegalArgumentException.class, () -> RunsChart.of("t", "y", empty, "seed")).getMessage());
    }
}
