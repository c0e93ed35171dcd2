package dl10.kernel.api;

import java.util.Map;

/**
 * Turns a value into its representations for a notebook, keyed by MIME type as in a Jupyter
 * {@code display_data} message (Jupyter messaging specification 5.3, "Display Data"): text types as they
 * are ({@code text/plain}, {@code text/html}), binary types such as {@code image/png} base64-encoded.
 *
 * @param <T> the type of value rendered
 */
@FunctionalInterface
public interface MimeRenderer<T> {
    /**
     * The representations of the value, in order of preference. An exception thrown here is shown to the
     * user as the value's text form with the exception's message; it never fails the cell.
     */
    Map<String, String> render(T value) throws Exception;
}
