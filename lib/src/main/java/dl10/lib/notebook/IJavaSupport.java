package dl10.lib.notebook;

import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;

import java.lang.reflect.InvocationTargetException;

/**
 * Plugs the course library into IJava (github.com/SpencerPark/IJava), which has no extension mechanism:
 * a startup script calls {@link #install()}, for example with the kernel's environment
 * {@code IJAVA_STARTUP_SCRIPT="dl10.lib.notebook.IJavaSupport.install();"} and the library on
 * {@code IJAVA_CLASSPATH}. It registers {@link CourseRenderers} with IJava's renderer (the registry of
 * jupyter-jvm-basekernel 2.3.0, which IJava's {@code display} and cell results use) and imports
 * {@link CourseRenderers#IMPORTS}. IJava's kernel is reached by reflection
 * ({@code io.github.spencerpark.ijava.IJava.getKernelInstance()}), so the library needs no IJava jar.
 */
public final class IJavaSupport {
    /** The IJava class holding the running kernel. */
    static final String IJAVA_CLASS = "io.github.spencerpark.ijava.IJava";

    private IJavaSupport() {
    }

    /**
     * Registers the course renderers and imports with the running IJava kernel.
     *
     * @throws IllegalStateException if no IJava kernel runs in this JVM (IJava's class is missing or has no
     *                               kernel), with what to do instead
     */
    public static void install() {
        install(kernel());
    }

    /** Registers the course renderers and imports with a kernel built on jupyter-jvm-basekernel. */
    static void install(BaseKernel kernel) {
        Renderer renderer = kernel.getRenderer();
        for (CourseRenderers.Registration<?> registration : CourseRenderers.registrations()) {
            register(renderer, registration);
        }
        for (String target : CourseRenderers.IMPORTS) {
            try {
                kernel.eval("import " + target + ";");
            } catch (Exception e) {
                throw new IllegalStateException("IJava could not import " + target + ": " + e.getMessage(), e);
            }
        }
    }

    static BaseKernel kernel() {
        ClassLoader[] loaders = {Thread.currentThread().getContextClassLoader(), IJavaSupport.class.getClassLoader()};
        for (ClassLoader loader : loaders) {
            if (loader == null) {
                continue;
            }
            Object kernel;
            try {
                kernel = Class.forName(IJAVA_CLASS, true, loader).getMethod("getKernelInstance").invoke(null);
            } catch (ClassNotFoundException | NoSuchMethodException | IllegalAccessException e) {
                continue;
            } catch (InvocationTargetException e) {
                throw new IllegalStateException("IJava's kernel could not be reached: " + e.getCause(), e.getCause());
            }
            if (kernel instanceof BaseKernel base) {
                return base;
            }
            if (kernel != null) {
                throw new IllegalStateException("IJava's kernel is a " + kernel.getClass().getName()
                        + ", not a jupyter-jvm-basekernel 2.x kernel; this IJava is not supported");
            }
        }
        throw new IllegalStateException("no IJava kernel runs in this JVM (" + IJAVA_CLASS + ".getKernelInstance() is"
                + " missing or null). IJavaSupport.install() is for IJava's startup script; under JJava and the course"
                + " kernel the library registers itself.");
    }

    private static <T> void register(Renderer renderer, CourseRenderers.Registration<T> registration) {
        renderer.createRegistration(registration.type())
                .preferring(registration.mimeTypes().toArray(String[]::new))
                .register((value, context) -> registration.forms(value)
                        .forEach((mime, data) -> context.renderIfRequested(MIMEType.parse(mime), () -> data)));
    }
}
