package dl10.lib;

import java.util.Arrays;
import java.util.Locale;

/**
 * Summaries of repeated runs (seeds, splits) and of paired differences between two settings, so that
 * a lesson states a comparison with its spread and checks it with a margin the spread supports.
 *
 * <p>The interval of a paired difference is Student's t interval: with per-seed differences
 * d<sub>1..n</sub>, mean d̄ and sample standard deviation s, the 95 % interval is
 * d̄ ± t<sub>0.975, n−1</sub> · s / √n (e.g. Wasserman, <i>All of Statistics</i>, 2004, §10.9 on the
 * paired comparison). Pairing by seed (both settings use seed 1, 2, 3, ...) removes the part of the
 * run-to-run variation the two settings share.
 */
public final class Stats {

    /** Two-sided 95 % quantiles t_{0.975, df} of Student's t distribution for df = 1..30. */
    private static final double[] T975 = {
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
        2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
        2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042};

    private Stats() {
    }

    /**
     * Mean, sample standard deviation (n − 1 in the denominator; 0 for one value), minimum and
     * maximum of repeated measurements.
     */
    public record Summary(int n, double mean, double sd, double min, double max) {
        /** For example {@code 0.951 ± 0.012 (5 runs, 0.930 to 0.970)}. */
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s ± %s (%d run%s, %s to %s)", Results.format(mean, 3),
                    Results.format(sd, 2), n, n == 1 ? "" : "s", Results.format(min, 3), Results.format(max, 3));
        }
    }

    /**
     * A paired difference a − b over n runs: its mean, the sample standard deviation of the
     * per-run differences, and the 95 % t interval [lower, upper] of the mean.
     */
    public record Difference(int n, double mean, double sd, double lower, double upper) {
        /** For example {@code +0.120 (95 % interval +0.080 to +0.160, 5 paired runs)}. */
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s (95 %% interval %s to %s, %d paired runs)", signed(mean),
                    signed(lower), signed(upper), n);
        }

        private static String signed(double v) {
            String s = Results.format(v, 3);
            return v > 0 ? "+" + s : s;
        }
    }

    /**
     * Summarises repeated measurements.
     *
     * @throws IllegalArgumentException if values is empty or holds NaN or an infinity
     */
    public static Summary summary(double... values) {
        checkValues("summary", values);
        int n = values.length;
        double mean = Arrays.stream(values).sum() / n;
        double ss = 0;
        for (double v : values) {
            ss += (v - mean) * (v - mean);
        }
        double sd = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
        return new Summary(n, mean, sd, Arrays.stream(values).min().orElseThrow(), Arrays.stream(values).max().orElseThrow());
    }

    /**
     * The paired difference a[i] − b[i] over runs i = 0..n−1 (run i of both settings must share its
     * seed or split) with its 95 % t interval.
     *
     * @throws IllegalArgumentException if the arrays differ in length, have fewer than 2 runs, or
     *     hold NaN or an infinity
     */
    public static Difference paired(double[] a, double[] b) {
        checkValues("paired", a);
        checkValues("paired", b);
        if (a.length != b.length) {
            throw new IllegalArgumentException("paired: " + a.length + " runs of the first setting but " + b.length
                    + " of the second; run both with the same seeds");
        }
        if (a.length < 2) {
            throw new IllegalArgumentException("paired: a difference needs at least 2 runs of each setting to have a"
                    + " spread, got " + a.length + "; run more seeds");
        }
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i] - b[i];
        }
        Summary s = summary(d);
        double half = t975(s.n() - 1) * s.sd() / Math.sqrt(s.n());
        return new Difference(s.n(), s.mean(), s.sd(), s.mean() - half, s.mean() + half);
    }

    /** The 0.975 quantile of Student's t with df degrees of freedom (table up to 30, then 1.96 + 2.4/df). */
    static double t975(int df) {
        if (df < 1) {
            throw new IllegalArgumentException("degrees of freedom must be >= 1, got " + df);
        }
        return df <= T975.length ? T975[df - 1] : 1.96 + 2.4 / df;
    }

    private static void checkValues(String what, double[] values) {
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException(what + ": no values given; pass one value per run");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(what + ": value " + i + " is " + values[i]
                        + "; a run failed or diverged, so its result cannot be summarised");
            }
        }
    }
}
