package dl10.lib.notebook;

import dl10.kernel.api.NotebookExtension;
import dl10.kernel.api.Renderers;
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
        for (CourseRenderers.Registration<?> registration : CourseRenderers.registrations()) {
            register(renderers, registration);
        }
    }

    private static <T> void register(Renderers renderers, CourseRenderers.Registration<T> registration) {
        renderers.register(registration.type(), registration.mimeTypes(), value -> registration.render().render(value));
    }
}
