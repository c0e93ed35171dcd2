package dl10.kernel.render;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The ordered list of renderers the kernel tries for a value: the first renderer that supports it
 * produces the rich forms, and every value also gets {@code text/plain}.
 */
public final class RendererRegistry {
    private final List<ObjectRenderer> renderers = new ArrayList<>();

    /** A registry with the course renderers: images, XChart charts and Tablesaw tables. */
    public static RendererRegistry withDefaults() {
        RendererRegistry registry = new RendererRegistry();
        registry.register(new ImageRenderer());
        registry.register(new ChartRenderer());
        registry.register(new TableRenderer());
        return registry;
    }

    /** Adds a renderer, tried after the ones registered before. */
    public void register(ObjectRenderer renderer) {
        renderers.add(Objects.requireNonNull(renderer, "renderer"));
    }

    /**
     * Renders the value. With no MIME types requested every form is produced; otherwise only the
     * requested ones (a request such as {@code "image/*"} matches by prefix).
     */
    public MimeBundle render(Object value, String... mimeTypes) {
        MimeBundle bundle = new MimeBundle();
        if (value instanceof MimeBundle given) {
            given.data().forEach(bundle::put);
            return filter(bundle, mimeTypes);
        }
        for (ObjectRenderer renderer : renderers) {
            if (renderer.supports(value)) {
                try {
                    renderer.render(value, bundle);
                } catch (Exception e) {
                    bundle.put("text/plain", "Could not render " + value.getClass().getName() + ": " + e);
                }
                break;
            }
        }
        if (!bundle.has("text/plain")) {
            bundle.put("text/plain", plainText(value));
        }
        return filter(bundle, mimeTypes);
    }

    private static MimeBundle filter(MimeBundle bundle, String... mimeTypes) {
        if (mimeTypes == null || mimeTypes.length == 0) {
            return bundle;
        }
        MimeBundle filtered = new MimeBundle();
        for (String wanted : mimeTypes) {
            bundle.data().forEach((type, data) -> {
                if (matches(wanted, type)) {
                    filtered.put(type, data);
                }
            });
        }
        if (filtered.isEmpty()) {
            filtered.put("text/plain", bundle.get("text/plain"));
        }
        return filtered;
    }

    private static boolean matches(String wanted, String type) {
        return wanted.equals(type) || (wanted.endsWith("/*") && type.startsWith(wanted.substring(0, wanted.length() - 1)));
    }

    /** The text/plain form: strings as they are, arrays element by element, others by toString. */
    public static String plainText(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Object[] array) {
            return Arrays.deepToString(array);
        }
        if (value.getClass().isArray()) {
            return Arrays.deepToString(new Object[] {value}).replaceAll("^\\[|]$", "");
        }
        return String.valueOf(value);
    }
}
