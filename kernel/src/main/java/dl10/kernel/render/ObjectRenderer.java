package dl10.kernel.render;

/**
 * Turns one kind of object into one or more MIME representations; registered in a {@link RendererRegistry}.
 */
public interface ObjectRenderer {
    /** True if this renderer handles the object. */
    boolean supports(Object value);

    /** The MIME types this renderer produces. */
    java.util.List<String> mimeTypes();

    /** Adds this renderer's representations of the value to the bundle. */
    void render(Object value, MimeBundle into) throws Exception;
}
