package dl10.lib;

/**
 * Scales a series linearly to 0..1 using the minimum and maximum of the values it was fitted on
 * (the training part), and maps model outputs back to the original units with {@link #inverse}.
 * Values outside the fitted range map outside 0..1. A constant series cannot be scaled and is
 * rejected with an error.
 */
public final class MinMaxScaler {
    private final double min;
    private final double max;

    private MinMaxScaler(double min, double max) {
        this.min = min;
        this.max = max;
    }

    /** Fits on the given values (at least two, not all equal, all finite). */
    public static MinMaxScaler fit(double[] series) {
        if (series.length == 0) {
            throw new IllegalArgumentException("MinMaxScaler.fit: the series is empty; fit on the training part of a series");
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < series.length; i++) {
            if (!Double.isFinite(series[i])) {
                throw new IllegalArgumentException("MinMaxScaler.fit: value " + i + " is " + series[i] + "; remove missing values first");
            }
            min = Math.min(min, series[i]);
            max = Math.max(max, series[i]);
        }
        if (max == min) {
            throw new IllegalArgumentException("MinMaxScaler.fit: all " + series.length + " values equal " + min + "; a constant series cannot be scaled to 0..1");
        }
        return new MinMaxScaler(min, max);
    }

    /** Fits on float values. */
    public static MinMaxScaler fit(float[] series) {
        double[] d = new double[series.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = series[i];
        }
        return fit(d);
    }

    /** Smallest fitted value (maps to 0). */
    public double min() {
        return min;
    }

    /** Largest fitted value (maps to 1). */
    public double max() {
        return max;
    }

    /** (x - min) / (max - min) for one value. */
    public float transform(double value) {
        return (float) ((value - min) / (max - min));
    }

    /** Scaled copy of {@code values}. */
    public float[] transform(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = transform(values[i]);
        }
        return out;
    }

    /** The original units of one scaled value. */
    public double inverse(float scaled) {
        return min + scaled * (max - min);
    }

    /** The original units of scaled values. */
    public double[] inverse(float[] scaled) {
        double[] out = new double[scaled.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = inverse(scaled[i]);
        }
        return out;
    }
}
