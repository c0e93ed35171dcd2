package dl10.lib;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Column-wise standardisation z = (x - mean) / std, fitted on the training rows only and then
 * applied to any rows. The standard deviation is the population one (divide by N). A column with
 * zero variance gets std = 1, so it becomes all zeros instead of dividing by zero.
 */
public final class Standardizer {
    private final float[] mean;
    private final float[] std;

    private Standardizer(float[] mean, float[] std) {
        this.mean = mean;
        this.std = std;
    }

    /** Fits mean and std of every column of {@code rows} (at least one row, all rows equally long). */
    public static Standardizer fit(float[][] rows) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("Standardizer.fit: no rows given; fit on the training rows");
        }
        int width = rows[0].length;
        if (width == 0) {
            throw new IllegalArgumentException("Standardizer.fit: rows have no columns");
        }
        double[] sum = new double[width];
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != width) {
                throw new IllegalArgumentException("Standardizer.fit: row " + r + " has " + rows[r].length + " values, row 0 has " + width);
            }
            for (int c = 0; c < width; c++) {
                sum[c] += rows[r][c];
            }
        }
        float[] mean = new float[width];
        float[] std = new float[width];
        for (int c = 0; c < width; c++) {
            double m = sum[c] / rows.length;
            double sq = 0;
            for (float[] row : rows) {
                sq += (row[c] - m) * (row[c] - m);
            }
            double s = Math.sqrt(sq / rows.length);
            mean[c] = (float) m;
            std[c] = s > 1e-12 ? (float) s : 1f;
        }
        return new Standardizer(mean, std);
    }

    /** Fits on a 2-D array of shape (rows, columns). */
    public static Standardizer fit(NDArray rows) {
        Shape shape = rows.getShape();
        if (shape.dimension() != 2) {
            throw new IllegalArgumentException("Standardizer.fit: expected a 2-D array (rows, columns), got shape " + shape);
        }
        return fit(toRows(rows));
    }

    /** Column means (a copy). */
    public float[] mean() {
        return mean.clone();
    }

    /** Column standard deviations, 1 for zero-variance columns (a copy). */
    public float[] std() {
        return std.clone();
    }

    /** The standardised copy of {@code rows}. */
    public float[][] transform(float[][] rows) {
        float[][] out = new float[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != mean.length) {
                throw new IllegalArgumentException("Standardizer.transform: row " + r + " has " + rows[r].length
                        + " values but the standardizer was fitted on " + mean.length + " columns");
            }
            out[r] = new float[mean.length];
            for (int c = 0; c < mean.length; c++) {
                out[r][c] = (rows[r][c] - mean[c]) / std[c];
            }
        }
        return out;
    }

    /** The standardised copy of a (rows, columns) array, created by the same manager. */
    public NDArray transform(NDArray rows) {
        Shape shape = rows.getShape();
        if (shape.dimension() != 2 || shape.get(1) != mean.length) {
            throw new IllegalArgumentException("Standardizer.transform: expected shape (rows, " + mean.length + "), got " + shape);
        }
        NDManager manager = rows.getManager();
        try (NDArray m = manager.create(mean); NDArray s = manager.create(std)) {
            return rows.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).sub(m).div(s);
        }
    }

    private static float[][] toRows(NDArray array) {
        int n = (int) array.getShape().get(0);
        int w = (int) array.getShape().get(1);
        float[] flat = array.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
        float[][] rows = new float[n][w];
        for (int r = 0; r < n; r++) {
            System.arraycopy(flat, r * w, rows[r], 0, w);
        }
        return rows;
    }
}
