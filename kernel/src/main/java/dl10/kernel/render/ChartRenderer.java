package dl10.kernel.render;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

import java.util.List;

/**
 * Renders any XChart chart ({@link Chart}) as {@code image/png} through XChart's {@link BitmapEncoder}.
 */
public final class ChartRenderer implements ObjectRenderer {
    @Override
    public boolean supports(Object value) {
        return value instanceof Chart;
    }

    @Override
    public List<String> mimeTypes() {
        return List.of("image/png", "text/plain");
    }

    @Override
    public void render(Object value, MimeBundle into) throws Exception {
        Chart<?, ?> chart = (Chart<?, ?>) value;
        byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        into.put("image/png", PngEncoding.base64(png));
        String title = chart.getTitle() == null || chart.getTitle().isEmpty() ? "" : " '" + chart.getTitle() + "'";
        into.put("text/plain", "<" + chart.getClass().getSimpleName() + title + " " + chart.getWidth() + "x" + chart.getHeight() + ">");
    }
}
