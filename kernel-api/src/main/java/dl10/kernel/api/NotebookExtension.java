package dl10.kernel.api;

import java.util.List;

/**
 * What a library adds to every notebook session of the course kernel (and of the headless runner, which
 * runs the same session): imports and renderers for its own types.
 * <p>The kernel finds implementations with {@link java.util.ServiceLoader} on its class path: a library
 * names its implementation (a public class with a public no-argument constructor) in the resource
 * {@code META-INF/services/dl10.kernel.api.NotebookExtension}. When a session starts, before its first
 * cell, the kernel calls {@link #registerRenderers} and then imports every name of {@link #imports}.
 * An extension that throws is logged (on the kernel's stderr) and left out; the session still starts.
 */
public interface NotebookExtension {
    /**
     * Names imported into every session, each as written between {@code import} and {@code ;}: for example
     * {@code "dl10.lib.*"} or {@code "static dl10.lib.Charts.*"}. None by default.
     */
    default List<String> imports() {
        return List.of();
    }

    /** Registers the renderers of this library's types. None by default. */
    default void registerRenderers(Renderers renderers) {
    }
}
