package dl10.lib;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * What happened during training, one row per finished epoch: the epoch number, the mean loss (or
 * several named losses), the metrics computed after the epoch (e.g. test accuracy) and the
 * epoch's duration in seconds. It reads as a Tablesaw table ({@link #table()}), by column
 * ({@link #values}, {@link #last}, {@link #best}) and plots with {@link Charts#history}.
 */
public final class TrainingHistory {

    /** Name of the epoch column. */
    public static final String EPOCH = "epoch";
    /** Name of the column with each epoch's duration in seconds. */
    public static final String SECONDS = "seconds";

    private final String title;
    private final List<String> losses;
    private final List<String> metrics;
    private final Set<String> minimized;
    private final Table table;

    TrainingHistory(String title, List<String> losses, List<String> metrics, Set<String> minimizedMetrics) {
        this.title = title;
        this.losses = List.copyOf(losses);
        this.metrics = List.copyOf(metrics);
        Set<String> min = new LinkedHashSet<>(losses);
        min.addAll(minimizedMetrics);
        this.minimized = Collections.unmodifiableSet(min);
        this.table = Table.create(title);
        table.addColumns(IntColumn.create(EPOCH));
        for (String name : losses) {
            table.addColumns(DoubleColumn.create(name));
        }
        for (String name : metrics) {
            table.addColumns(DoubleColumn.create(name));
        }
        table.addColumns(DoubleColumn.create(SECONDS));
    }

    void addEpoch(int epoch, double[] lossValues, Map<String, Double> metricValues, double seconds) {
        table.intColumn(EPOCH).append(epoch);
        for (int i = 0; i < losses.size(); i++) {
            table.doubleColumn(losses.get(i)).append(lossValues[i]);
        }
        for (String name : metrics) {
            Double v = metricValues.get(name);
            table.doubleColumn(name).append(v == null ? Double.NaN : v);
        }
        table.doubleColumn(SECONDS).append(seconds);
    }

    /** The chart title used for this history (the training loop's title). */
    public String title() {
        return title;
    }

    /** The history as a table: epoch, losses, metrics, seconds (a copy: editing it changes nothing here). */
    public Table table() {
        return table.copy();
    }

    /** Number of finished epochs. */
    public int epochs() {
        return table.rowCount();
    }

    /** The loss column names (usually just "loss"). */
    public List<String> lossNames() {
        return losses;
    }

    /** The metric column names, in the order they were added to the loop. */
    public List<String> metricNames() {
        return metrics;
    }

    /** All values of a loss or metric column (or "epoch" / "seconds"), one per epoch. */
    public double[] values(String name) {
        return column(name).asDoubleArray();
    }

    /** The value after the last finished epoch. */
    public double last(String name) {
        DoubleColumn c = column(name);
        if (c.isEmpty()) {
            throw new IllegalStateException("no epoch has finished yet, so '" + name + "' has no value");
        }
        return c.getDouble(c.size() - 1);
    }

    /**
     * The best value of a column over the epochs: the lowest for losses and for metrics added with
     * {@code metricToMinimize}, the highest for other metrics (NaN values ignored).
     */
    public double best(String name) {
        DoubleColumn c = column(name);
        if (c.removeMissing().isEmpty()) {
            throw new IllegalStateException("'" + name + "' has no value yet (no finished epoch)");
        }
        return minimized.contains(name) ? c.min() : c.max();
    }

    /** The epoch (1-based) at which {@link #best} was reached (the first such epoch). */
    public int bestEpoch(String name) {
        double best = best(name);
        double[] v = values(name);
        for (int i = 0; i < v.length; i++) {
            if (v[i] == best) {
                return table.intColumn(EPOCH).getInt(i);
            }
        }
        throw new IllegalStateException("unreachable: best value not found in '" + name + "'");
    }

    /** True for loss columns (plotted on the left axis by {@link Charts#history}). */
    public boolean isLoss(String name) {
        return losses.contains(name);
    }

    /** True for losses and metrics added with {@code metricToMinimize} (lower is better). */
    public boolean isMinimized(String name) {
        return minimized.contains(name);
    }

    List<String> valueColumns() {
        List<String> all = new ArrayList<>(losses);
        all.addAll(metrics);
        return all;
    }

    /** The epoch numbers as doubles (1, 2, ...), the x axis for {@link Charts#lines}. */
    public double[] epochsAsDoubles() {
        return table.intColumn(EPOCH).asDoubleColumn().asDoubleArray();
    }

    private DoubleColumn column(String name) {
        if (name == null || !table.columnNames().contains(name)) {
            throw new IllegalArgumentException("the training history has no column '" + name
                    + "'; available: " + String.join(", ", table.columnNames()));
        }
        if (EPOCH.equals(name)) {
            return table.intColumn(EPOCH).asDoubleColumn();
        }
        return table.doubleColumn(name);
    }

    @Override
    public String toString() {
        return table.print();
    }
}
