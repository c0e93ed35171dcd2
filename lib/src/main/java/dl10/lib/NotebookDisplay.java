package dl10.lib;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;

/**
 * The notebook's display functions, reached by reflection so that the library does not depend on
 * any kernel: it looks for the course kernel's {@code dl10.kernel.runtime.Display}, then IJava's runtime
 * {@code Display}, then JJava's display functions ({@code BaseNotebookStatics} since JJava 1.0-a5, the
 * runtime {@code Display} before), and uses the first one whose {@code display(Object)} works.
 * With none of them (a plain JVM, a unit test) it prints text lines on standard output instead, so
 * the same lesson code runs everywhere. Objects shown are images, XChart charts or strings; the
 * kernels render the first two as PNG.
 */
public final class NotebookDisplay {

    /** Display classes tried in order: the course kernel, IJava, JJava (current, then older releases). */
    static final List<String> DISPLAY_CLASSES = List.of(
            "dl10.kernel.runtime.Display",
            "io.github.spencerpark.ijava.runtime.Display",
            "org.dflib.jjava.jupyter.kernel.BaseNotebookStatics",
            "org.dflib.jjava.runtime.Display");

    /**
     * For display classes that exist whether or not their kernel runs (the API jars of IJava and JJava):
     * a static method, {@code Class#method}, that returns the running kernel, and returns null or throws
     * when there is none. A class whose kernel is not running is skipped.
     */
    static final Map<String, String> RUNNING_KERNEL = Map.of(
            "io.github.spencerpark.ijava.runtime.Display", "io.github.spencerpark.ijava.IJava#getKernelInstance",
            "org.dflib.jjava.jupyter.kernel.BaseNotebookStatics", "org.dflib.jjava.jupyter.kernel.BaseKernel#notebookKernel");

    private final Method display;
    private final Method update;
    private boolean working;

    private NotebookDisplay(Method display, Method update) {
        this.display = display;
        this.update = update;
        this.working = display != null;
    }

    /**
     * Finds the first notebook display class available to this thread (context class loader, then
     * the library's own loader); returns a text-only display when there is none.
     */
    public static NotebookDisplay find() {
        return find(DISPLAY_CLASSES);
    }

    static NotebookDisplay find(List<String> classNames) {
        for (String name : classNames) {
            Class<?> type = load(name);
            if (type == null || !kernelRuns(name)) {
                continue;
            }
            try {
                Method display = type.getMethod("display", Object.class);
                Method update = type.getMethod("updateDisplay", String.class, Object.class);
                return new NotebookDisplay(display, update);
            } catch (NoSuchMethodException e) {
                // not the expected shape: try the next kernel
            }
        }
        return textOnly();
    }

    private static boolean kernelRuns(String displayClass) {
        String probe = RUNNING_KERNEL.get(displayClass);
        if (probe == null) {
            return true;
        }
        Class<?> owner = load(probe.substring(0, probe.indexOf('#')));
        try {
            return owner != null && owner.getMethod(probe.substring(probe.indexOf('#') + 1)).invoke(null) != null;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** A display that only prints text lines, whatever kernel is present. */
    public static NotebookDisplay textOnly() {
        return new NotebookDisplay(null, null);
    }

    private static Class<?> load(String name) {
        ClassLoader[] loaders = {Thread.currentThread().getContextClassLoader(),
                NotebookDisplay.class.getClassLoader()};
        for (ClassLoader loader : loaders) {
            if (loader == null) {
                continue;
            }
            try {
                return Class.forName(name, true, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                // try the next loader
            }
        }
        return null;
    }

    /** True while a notebook kernel takes the objects shown (images are drawn, not printed). */
    public boolean isNotebook() {
        return working;
    }

    /**
     * Shows an object as a new output and returns its display id, or null when it was printed
     * as text (no notebook, or the kernel refused it: it then stays text-only from now on).
     */
    public String show(Object value) {
        if (working) {
            try {
                Object id = display.invoke(null, value);
                return id == null ? null : id.toString();
            } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
                working = false;
            }
        }
        System.out.println(asText(value));
        return null;
    }

    /**
     * Replaces the output with the given display id by a new object; with no id (text mode) it
     * prints the object's text instead.
     */
    public void update(String displayId, Object value) {
        if (working && displayId != null) {
            try {
                update.invoke(null, displayId, value);
                return;
            } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
                working = false;
            }
        }
        System.out.println(asText(value));
    }

    private static String asText(Object value) {
        if (value instanceof java.awt.image.BufferedImage image) {
            return "[image " + image.getWidth() + "x" + image.getHeight() + "]";
        }
        if (value instanceof org.knowm.xchart.internal.chartpart.Chart<?, ?> chart) {
            return "[chart: " + chart.getTitle() + "]";
        }
        return String.valueOf(value);
    }
}
