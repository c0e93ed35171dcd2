package dl10.lib;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Set;

/**
 * A lesson's final numbers: {@link #record} prints {@code name = value}, {@link #require} also
 * checks a threshold and fails the cell with a readable message when it is not met. Each call
 * appends one JSON line {"name", "value", "op", "threshold", "passed"} to the metrics file named by
 * the system property {@code dl10.metrics.file} or else the environment variable
 * {@code DL10_METRICS_FILE} (nothing is written when neither is set); the notebook runner collects it.
 */
public final class Results {

    /** Name of the system property with the metrics file. */
    public static final String PROPERTY = "dl10.metrics.file";
    /** Name of the environment variable with the metrics file (used when the property is not set). */
    public static final String ENV = "DL10_METRICS_FILE";

    static final Set<String> OPS = Set.of(">=", ">", "<=", "<");

    private Results() {
    }

    /** Prints {@code name = value} and appends it to the metrics file. */
    public static void record(String name, double value) {
        checkName(name);
        System.out.println(name + " = " + format(value));
        append(json(name, value, null, Double.NaN, null));
    }

    /**
     * Records a value with a threshold and throws an AssertionError when {@code value op threshold}
     * does not hold (or the value is NaN). op is one of ">=", ">", "<=", "<".
     */
    public static void require(String name, double value, String op, double threshold) {
        checkName(name);
        if (op == null || !OPS.contains(op)) {
            throw new IllegalArgumentException("unknown comparison '" + op + "' for " + name
                    + "; use one of >=, >, <=, <");
        }
        if (Double.isNaN(threshold)) {
            throw new IllegalArgumentException("the threshold for " + name + " is NaN; give a number");
        }
        boolean passed = switch (op) {
            case ">=" -> value >= threshold;
            case ">" -> value > threshold;
            case "<=" -> value <= threshold;
            default -> value < threshold;
        };
        append(json(name, value, op, threshold, passed));
        String[] shown = formatPair(value, threshold);
        if (Double.isNaN(value)) {
            throw new AssertionError(name + " is NaN (not a number), required " + op + " " + shown[1]
                    + "; the computation that produced it failed (e.g. training diverged)");
        }
        if (!passed) {
            throw new AssertionError(name + " " + shown[0] + " " + negation(op) + " required " + shown[1]
                    + " (the check is " + name + " " + op + " " + shown[1] + ")");
        }
        System.out.println(name + " = " + shown[0] + " (required " + op + " " + shown[1] + ": ok)");
    }

    /**
     * Checks a comparison over paired runs: setting a must beat setting b by at least margin, with
     * the margin under the lower end of the 95 % t interval of the mean per-run difference a − b
     * ({@link Stats#paired}). Run i of both settings must share its seed (or split). Prints both
     * settings' summaries and the difference, records the mean difference as {@code name} and checks
     * {@code name + " (lower 95 % bound)" >= margin}. For a quantity where lower is better (a loss,
     * an error), pass the better setting's values as a and write the name accordingly ("linear −
     * MLP test loss").
     *
     * @return the difference with its interval
     * @throws AssertionError if the lower bound is below margin
     * @throws IllegalArgumentException if the runs are unpaired, fewer than 2, or not finite
     */
    public static Stats.Difference requireGain(String name, double[] a, double[] b, double margin) {
        checkName(name);
        Stats.Difference d = Stats.paired(a, b);
        System.out.println(name + ": first setting " + Stats.summary(a) + "; second setting " + Stats.summary(b));
        record(name, d.mean());
        require(name + " (lower 95 % bound)", d.lower(), ">=", margin);
        return d;
    }

    /** The metrics file in use, or null when neither the property nor the environment variable is set. */
    public static Path metricsFile() {
        String file = System.getProperty(PROPERTY);
        if (file == null || file.isBlank()) {
            file = System.getenv(ENV);
        }
        return file == null || file.isBlank() ? null : Path.of(file);
    }

    /** A value with 4 significant digits (scientific notation when very small or large). */
    public static String format(double value) {
        return format(value, 4);
    }

    static String format(double value, int digits) {
        if (!Double.isFinite(value)) {
            return String.valueOf(value);
        }
        if (value == 0) {
            return "0";
        }
        double a = Math.abs(value);
        if (a < 1e-4 || a >= 1e7) {
            return String.format(Locale.ROOT, "%." + (digits - 1) + "e", value);
        }
        return new BigDecimal(value).round(new MathContext(digits)).stripTrailingZeros().toPlainString();
    }

    /** Formats value and threshold with enough digits that different numbers look different. */
    static String[] formatPair(double value, double threshold) {
        for (int digits = 4; digits < 17; digits++) {
            String v = format(value, digits);
            String t = format(threshold, digits);
            if (!v.equals(t) || value == threshold) {
                return new String[] {v, t};
            }
        }
        return new String[] {String.valueOf(value), String.valueOf(threshold)};
    }

    private static String negation(String op) {
        return switch (op) {
            case ">=" -> "<";
            case ">" -> "<=";
            case "<=" -> ">";
            default -> ">=";
        };
    }

    private static void checkName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a result needs a name, e.g. \"test accuracy\"");
        }
    }

    static String json(String name, double value, String op, double threshold, Boolean passed) {
        return "{\"name\":" + quote(name) + ",\"value\":" + number(value) + ",\"op\":"
                + (op == null ? "null" : quote(op)) + ",\"threshold\":" + (op == null ? "null" : number(threshold))
                + ",\"passed\":" + (passed == null ? "null" : passed.toString()) + "}";
    }

    private static String number(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "null";
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    private static void append(String line) {
        Path file = metricsFile();
        if (file == null) {
            return;
        }
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            Files.writeString(file, line + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("could not append the result to the metrics file " + file
                    + " (set by " + PROPERTY + " / " + ENV + "): " + e.getMessage(), e);
        }
    }
}
