package dl10.kernel.api;

import java.util.List;

/**
 * The kernel's registry of renderers, handed to {@link NotebookExtension#registerRenderers}. A value is
 * rendered by the renderer of its most specific registered type (its class, then its superclasses and
 * interfaces); every value also gets a {@code text/plain} form ({@code String.valueOf} unless the renderer
 * gives one).
 */
public interface Renderers {
    /**
     * Renders values of {@code type} and its subtypes with {@code renderer}.
     *
     * @param type      the class or interface the renderer handles
     * @param mimeTypes the MIME types the renderer produces, the preferred first (for example
     *                  {@code List.of("image/png", "text/plain")}); a cell asking for specific types, as in
     *                  {@code display(value, "image/png")}, reaches only renderers that list one of them
     * @param renderer  the function producing the representations
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if mimeTypes is empty or holds a malformed MIME type
     */
    <T> void register(Class<T> type, List<String> mimeTypes, MimeRenderer<? super T> renderer);
}
