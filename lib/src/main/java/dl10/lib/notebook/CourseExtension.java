package dl10.lib.notebook;

import dl10.kernel.api.NotebookExtension;
import dl10.kernel.api.Renderers;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * The course library's extension of the course kernel, found by the kernel with ServiceLoader
 * ({@code META-INF/services/dl10.kernel.api.NotebookExtension}): registers {@link CourseRenderers} for
 * charts, tables and images, and imports {@link CourseRenderers#IMPORTS}.
 */
public final class CourseExtension implements NotebookExtension {
    /** Called by ServiceLoader. */
    public CourseExtension() {
    }

    @Override
    public List<String> imports() {
        return CourseRenderers.IMPORTS;
    }

    @Override
    public void registerRenderers(Renderers renderers) {
        renderers.register(Chart.class, CourseRenderers.CHART_TYPES, chart -> CourseRenderers.chart(chart));
        renderers.register(Table.class, CourseRenderers.TABLE_TYPES, CourseRenderers::table);
        renderers.register(BufferedImage.class, CourseRenderers.IMAGE_TYPES, CourseRenderers::image);
    }
}
