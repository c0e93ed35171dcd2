package dl10.lib.notebook;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How the course's objects look in a notebook, whatever the kernel: XChart charts and images as PNG,
 * Tablesaw tables as HTML, each with a short text form. The kernel adapters ({@link CourseExtension} for the
 * course kernel, {@link JJavaExtension} for JJava, {@link IJavaSupport} for IJava) register these
 * functions ({@link #registrations()}) with their kernel's renderer registry, and import {@link #IMPORTS},
 * so the same jar renders the same way in all three kernels.
 * Each function returns the representations keyed by MIME type, as in a Jupyter {@code display_data}
 * message: text as it is, PNG base64-encoded.
 */
public final class CourseRenderers {
    /** Table rows shown before the "more rows" note. */
    public static final int MAX_TABLE_ROWS = 20;

    /**
     * What every lesson relies on besides each kernel's own default imports: the course library, and the
     * stream and function packages (IntStream, IntToDoubleFunction, Function), which IJava and the course
     * kernel import by default and JJava does not.
     */
    public static final List<String> IMPORTS = List.of("dl10.lib.*", "java.util.function.*", "java.util.stream.*");

    /** MIME types of {@link #chart}: PNG first. */
    public static final List<String> CHART_TYPES = List.of("image/png", "text/plain");
    /** MIME types of {@link #table}: HTML first. */
    public static final List<String> TABLE_TYPES = List.of("text/html", "text/plain");
    /** MIME types of {@link #image}: PNG first. */
    public static final List<String> IMAGE_TYPES = List.of("image/png", "text/plain");

    private CourseRenderers() {
    }

    /**
     * A function from a value to its representations keyed by MIME type.
     *
     * @param <T> the type of value rendered
     */
    @FunctionalInterface
    public interface Render<T> {
        /** The representations of the value: text as it is, images base64-encoded. */
        Map<String, String> render(T value) throws Exception;
    }

    /**
     * One renderer as every kernel adapter registers it: the type it handles (and its subtypes), the MIME
     * types it produces (the preferred first) and the function.
     */
    public record Registration<T>(Class<T> type, List<String> mimeTypes, Render<? super T> render) {
        /**
         * The value's representations, for kernels whose renderer callbacks may not throw checked
         * exceptions (IJava's and JJava's): a failure to render becomes an {@link IllegalStateException}
         * naming the value's class and the cause.
         *
         * @throws IllegalStateException if the render function throws a checked exception
         * @throws RuntimeException      as thrown by the render function
         */
        public Map<String, String> forms(T value) {
            try {
                return render.render(value);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("could not render " + value.getClass().getName() + ": " + e, e);
            }
        }
    }

    /** The course's renderers, in the order the adapters register them: charts, tables, images. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static List<Registration<?>> registrations() {
        return List.of(
                new Registration<>((Class<Chart<?, ?>>) (Class) Chart.class, CHART_TYPES, CourseRenderers::chart),
                new Registration<>(Table.class, TABLE_TYPES, CourseRenderers::table),
                new Registration<>(BufferedImage.class, IMAGE_TYPES, CourseRenderers::image));
    }

    /**
     * An XChart chart (any {@link Chart}: XY, category, pie, heat map) drawn at its own size: {@code image/png}
     * (base64, through XChart's {@link BitmapEncoder}) and {@code text/plain} such as
     * {@code <XYChart 'loss' 640x400>}.
     *
     * @throws IOException          if the chart cannot be encoded as PNG
     * @throws NullPointerException if chart is null
     */
    public static Map<String, String> chart(Chart<?, ?> chart) throws IOException {
        Objects.requireNonNull(chart, "chart");
        Map<String, String> forms = new LinkedHashMap<>();
        forms.put("image/png", Base64.getEncoder().encodeToString(BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG)));
        String title = chart.getTitle() == null || chart.getTitle().isEmpty() ? "" : " '" + chart.getTitle() + "'";
        forms.put("text/plain", "<" + chart.getClass().getSimpleName() + title + " " + chart.getWidth() + "x" + chart.getHeight() + ">");
        return forms;
    }

    /**
     * A Tablesaw table: {@code text/html} (a table with the table's name as caption, the first
     * {@value #MAX_TABLE_ROWS} rows, cells escaped, and a note with the number of rows left out) and
     * {@code text/plain} (Tablesaw's own text form of the same rows).
     *
     * @throws NullPointerException if table is null
     */
    public static Map<String, String> table(Table table) {
        Objects.requireNonNull(table, "table");
        Map<String, String> forms = new LinkedHashMap<>();
        forms.put("text/html", html(table));
        forms.put("text/plain", table.rowCount() <= MAX_TABLE_ROWS ? table.printAll() : table.print(MAX_TABLE_ROWS));
        return forms;
    }

    /**
     * An image: {@code image/png} (base64 of the complete PNG) and {@code text/plain} such as
     * {@code <image 28x28>}. Encoded here because the image renderer of IJava's and JJava's base library
     * drops the last bytes of two PNGs in three (its base64 stream is never closed).
     *
     * @throws IOException          if no PNG writer accepts the image
     * @throws NullPointerException if image is null
     */
    public static Map<String, String> image(BufferedImage image) throws IOException {
        Objects.requireNonNull(image, "image");
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        if (!ImageIO.write(image, "png", png)) {
            throw new IOException("no PNG writer for an image of type " + image.getType());
        }
        Map<String, String> forms = new LinkedHashMap<>();
        forms.put("image/png", Base64.getEncoder().encodeToString(png.toByteArray()));
        forms.put("text/plain", "<image " + image.getWidth() + "x" + image.getHeight() + ">");
        return forms;
    }

    static String html(Table table) {
        StringBuilder out = new StringBuilder(256);
        out.append("<table class=\"dl10-table\">");
        if (table.name() != null && !table.name().isEmpty()) {
            out.append("<caption>").append(escape(table.name())).append("</caption>");
        }
        out.append("<thead><tr>");
        for (Column<?> column : table.columns()) {
            out.append("<th>").append(escape(column.name())).append("</th>");
        }
        out.append("</tr></thead><tbody>");
        int shown = Math.min(MAX_TABLE_ROWS, table.rowCount());
        for (int row = 0; row < shown; row++) {
            out.append("<tr>");
            for (Column<?> column : table.columns()) {
                out.append("<td>").append(escape(column.getString(row))).append("</td>");
            }
            out.append("</tr>");
        }
        out.append("</tbody></table>");
        int hidden = table.rowCount() - shown;
        if (hidden > 0) {
            out.append("<p>… ").append(hidden).append(" more rows (").append(table.rowCount())
                    .append(" rows × ").append(table.columnCount()).append(" columns)</p>");
        }
        return out.toString();
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
