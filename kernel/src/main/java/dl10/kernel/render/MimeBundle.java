package dl10.kernel.render;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The representations of one rendered object, keyed by MIME type (for example {@code text/plain},
 * {@code image/png} as base64, {@code text/html}), in the order they were added.
 */
public final class MimeBundle {
    private final Map<String, String> data = new LinkedHashMap<>();

    /** Adds (or replaces) the representation for one MIME type. */
    public MimeBundle put(String mimeType, String value) {
        data.put(mimeType, value);
        return this;
    }

    /** The representation for a MIME type, or null. */
    public String get(String mimeType) {
        return data.get(mimeType);
    }

    /** True if a representation for the MIME type is present. */
    public boolean has(String mimeType) {
        return data.containsKey(mimeType);
    }

    /** All representations, read-only, in insertion order. */
    public Map<String, String> data() {
        return Collections.unmodifiableMap(data);
    }

    /** True if nothing was rendered. */
    public boolean isEmpty() {
        return data.isEmpty();
    }

    /** A bundle holding only a text/plain representation. */
    public static MimeBundle text(String text) {
        return new MimeBundle().put("text/plain", text);
    }

    @Override
    public String toString() {
        return "MimeBundle" + data.keySet();
    }
}
