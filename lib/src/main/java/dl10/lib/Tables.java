package dl10.lib;

import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Turns Tablesaw columns into the plain arrays a network is fed with. Unknown columns, columns
 * that are not numeric and missing values are reported naming the table and the column, with
 * the list of columns the table does have.
 */
public final class Tables {
    private Tables() {
    }

    /** The given numeric columns as rows of floats: result[row][k] is column k of that row. */
    public static float[][] matrix(Table table, String... columns) {
        if (columns.length == 0) {
            throw new IllegalArgumentException("Tables.matrix: name at least one column of " + describe(table));
        }
        NumericColumn<?>[] cols = new NumericColumn<?>[columns.length];
        for (int k = 0; k < columns.length; k++) {
            cols[k] = numeric(table, columns[k]);
        }
        float[][] out = new float[table.rowCount()][columns.length];
        for (int r = 0; r < out.length; r++) {
            for (int k = 0; k < cols.length; k++) {
                out[r][k] = (float) cols[k].getDouble(r);
            }
        }
        return out;
    }

    /** A numeric column as ints (e.g. class labels); fails for values that are not whole numbers. */
    public static int[] ints(Table table, String column) {
        NumericColumn<?> col = numeric(table, column);
        int[] out = new int[table.rowCount()];
        for (int r = 0; r < out.length; r++) {
            double v = col.getDouble(r);
            if (v != Math.rint(v)) {
                throw new IllegalArgumentException("Column '" + column + "' of " + describe(table) + " row " + r + " holds " + v + ", not a whole number");
            }
            out[r] = (int) v;
        }
        return out;
    }

    /** A numeric column as doubles (e.g. a time series). */
    public static double[] doubles(Table table, String column) {
        NumericColumn<?> col = numeric(table, column);
        double[] out = new double[table.rowCount()];
        for (int r = 0; r < out.length; r++) {
            out[r] = col.getDouble(r);
        }
        return out;
    }

    private static NumericColumn<?> numeric(Table table, String name) {
        if (!table.containsColumn(name)) {
            throw new IllegalArgumentException("Table " + describe(table) + " has no column '" + name + "'; its columns are "
                    + table.columnNames());
        }
        Column<?> col = table.column(name);
        if (!(col instanceof NumericColumn)) {
            throw new IllegalArgumentException("Column '" + name + "' of " + describe(table) + " is " + col.type()
                    + ", not numeric; numeric columns are " + table.numericColumns().stream().map(Column::name).toList());
        }
        if (col.countMissing() > 0) {
            throw new IllegalArgumentException("Column '" + name + "' of " + describe(table) + " has " + col.countMissing()
                    + " missing values; drop or fill them first");
        }
        return (NumericColumn<?>) col;
    }

    private static String describe(Table table) {
        return "'" + table.name() + "' (" + table.rowCount() + " rows)";
    }
}
