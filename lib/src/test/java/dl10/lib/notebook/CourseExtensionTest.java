package dl10.lib.notebook;

import dl10.kernel.api.MimeRenderer;
import dl10.kernel.api.NotebookExtension;
import dl10.kernel.api.Renderers;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CourseExtensionTest {
    /** Records registrations as the course kernel's registry would receive them. */
    static final class Recorder implements Renderers {
        final Map<Class<?>, List<String>> types = new LinkedHashMap<>();
        final Map<Class<?>, MimeRenderer<?>> renderers = new LinkedHashMap<>();

        @Override
        public <T> void register(Class<T> type, List<String> mimeTypes, MimeRenderer<? super T> renderer) {
            types.put(type, mimeTypes);
            renderers.put(type, renderer);
        }

        @SuppressWarnings("unchecked")
        Map<String, String> render(Class<?> type, Object value) throws Exception {
            return ((MimeRenderer<Object>) renderers.get(type)).render(value);
        }
    }

    @Test
    void theKernelFindsTheExtensionOnTheLibrarysClassPath() {
        List<String> found = ServiceLoader.load(NotebookExtension.class).stream().map(p -> p.type().getName()).toList();
        assertEquals(List.of(CourseExtension.class.getName()), found);
    }

    @Test
    void chartsTablesAndImagesAreRegisteredWithTheCourseRenderers() throws Exception {
        Recorder recorder = new Recorder();
        new CourseExtension().registerRenderers(recorder);
        assertEquals(Map.of(Chart.class, CourseRenderers.CHART_TYPES, Table.class, CourseRenderers.TABLE_TYPES,
                BufferedImage.class, CourseRenderers.IMAGE_TYPES), recorder.types);
        var chart = new CategoryChartBuilder().width(120).height(90).title("bars").build();
        chart.addSeries("s", new double[] {1, 2}, new double[] {3, 4});
        assertEquals("<CategoryChart 'bars' 120x90>", recorder.render(Chart.class, chart).get("text/plain"));
        assertTrue(recorder.render(Table.class, Table.create("t", DoubleColumn.create("x", 1.0))).get("text/html").startsWith("<table"));
        assertEquals("<image 4x3>", recorder.render(BufferedImage.class, new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB)).get("text/plain"));
        assertEquals(CourseRenderers.IMPORTS, new CourseExtension().imports());
    }
}
