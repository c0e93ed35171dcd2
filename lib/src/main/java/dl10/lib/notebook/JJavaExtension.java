package dl10.lib.notebook;

import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;


/**
 * The course library's extension of JJava (github.com/dflib/jjava): JJava finds it through
 * {@code META-INF/services/org.dflib.jjava.jupyter.Extension} in the jars of {@code JJAVA_CLASSPATH} and
 * calls {@link #install}, which registers {@link CourseRenderers} with JJava's renderer and imports
 * {@link CourseRenderers#IMPORTS}, so charts show as PNG and tables as HTML there as under the course kernel.
 * Built against JJava's {@code jjava-jupyter} API (1.0-a6) and loaded only by JJava, so the library needs
 * no JJava jar elsewhere.
 */
public final class JJavaExtension implements Extension {
    /** Called by JJava's ServiceLoader. */
    public JJavaExtension() {
    }

    @Override
    public void install(BaseKernel kernel) {
        Renderer renderer = kernel.getRenderer();
        for (CourseRenderers.Registration<?> registration : CourseRenderers.registrations()) {
            register(renderer, registration);
        }
        for (String target : CourseRenderers.IMPORTS) {
            kernel.eval("import " + target + ";");
        }
        NotebookLogging.initialise();
    }

    private static <T> void register(Renderer renderer, CourseRenderers.Registration<T> registration) {
        renderer.createRegistration(registration.type())
                .preferring(registration.mimeTypes().toArray(String[]::new))
                .register((value, context) -> registration.forms(value)
                        .forEach((mime, data) -> context.renderIfRequested(MIMEType.parse(mime), () -> data)));
    }
}
