package dl10.kernel.render;

import dl10.kernel.api.MimeRenderer;
import dl10.kernel.api.Renderers;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.common.Image;
import io.github.spencerpark.jupyter.kernel.display.common.Text;
import io.github.spencerpark.jupyter.kernel.display.common.Url;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The session's renderers: the base library's {@link Renderer} (the registry IJava uses, with its text,
 * URL and image renderers) plus what libraries register through {@link Renderers}, behind one
 * {@link #render} that never throws.
 * <p>Kept here on top of the base registry, because the base library alone gets these wrong:
 * <ul>
 *   <li>{@link BufferedImage} is encoded here ({@link PngEncoding}): the base library's image renderer
 *       never closes its base64 stream, so two images in three lose their last bytes and padding (the PNG's
 *       closing checksum), which strict decoders reject;</li>
 *   <li>{@code null} renders as {@code "null"} (the base registry throws a NullPointerException) and arrays
 *       element by element ({@code [1, 2, 3]} rather than {@code [I@1b6d3586});</li>
 *   <li>a renderer that throws gives the value's text and the error instead of failing the cell that
 *       displays it;</li>
 *   <li>a {@link DisplayData} passes through as it is, so {@code display(render(x))} shows {@code x}.</li>
 * </ul>
 */
public final class KernelRenderer implements Renderers {
    private final Renderer base;

    /** Renders with the given base registry (a kernel's own) plus the course kernel's image renderer. */
    public KernelRenderer(Renderer base) {
        this.base = Objects.requireNonNull(base, "base");
        register(BufferedImage.class, List.of("image/png", "text/plain"), KernelRenderer::image);
    }

    /** A renderer over a new base registry set up as the base library's kernels set up theirs. */
    public static KernelRenderer standalone() {
        Renderer base = new Renderer();
        Image.registerAll(base);
        Url.registerAll(base);
        Text.registerAll(base);
        return new KernelRenderer(base);
    }

    /** The base library's registry underneath. */
    public Renderer base() {
        return base;
    }

    @Override
    public <T> void register(Class<T> type, List<String> mimeTypes, MimeRenderer<? super T> renderer) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(renderer, "renderer");
        if (mimeTypes == null || mimeTypes.isEmpty()) {
            throw new IllegalArgumentException("a renderer for " + type.getName() + " must name the MIME types it produces");
        }
        MIMEType[] parsed = mimeTypes.stream().map(KernelRenderer::parse).toArray(MIMEType[]::new);
        base.createRegistration(type).preferring(parsed).register((value, context) -> {
            Map<String, String> forms;
            try {
                forms = renderer.render(value);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new RenderFailure(e);
            }
            if (forms != null) {
                forms.forEach((mime, data) -> context.renderIfRequested(parse(mime), () -> data));
            }
        });
    }

    private static final java.util.regex.Pattern MIME_TYPE = java.util.regex.Pattern.compile("[A-Za-z0-9][\\w.+-]*/[A-Za-z0-9][\\w.+-]*");

    private static MIMEType parse(String mimeType) {
        if (!MIME_TYPE.matcher(Objects.requireNonNull(mimeType, "MIME type")).matches()) {
            throw new IllegalArgumentException("'" + mimeType + "' is not a MIME type such as image/png or text/html");
        }
        return MIMEType.parse(mimeType);
    }

    /**
     * Renders the value. With no MIME types every form its renderer produces (plus text/plain); otherwise
     * the requested ones where possible, plus text/plain ({@code "image/*"} matches any image type).
     */
    public DisplayData render(Object value, String... mimeTypes) {
        if (value == null) {
            return new DisplayData("null");
        }
        if (value instanceof DisplayData given) {
            DisplayData copy = new DisplayData();
            copy.assign(given);
            return copy;
        }
        if (value.getClass().isArray()) {
            return new DisplayData(plainText(value));
        }
        try {
            return mimeTypes == null || mimeTypes.length == 0 ? base.render(value) : base.renderAs(value, mimeTypes);
        } catch (RuntimeException | LinkageError e) {
            Throwable cause = e instanceof RenderFailure && e.getCause() != null ? e.getCause() : e;
            return new DisplayData("Could not render " + value.getClass().getName() + ": " + cause);
        }
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

    private static Map<String, String> image(BufferedImage image) {
        Map<String, String> forms = new LinkedHashMap<>();
        forms.put("image/png", PngEncoding.base64Png(image));
        forms.put("text/plain", "<image " + image.getWidth() + "x" + image.getHeight() + ">");
        return forms;
    }

    /** A checked exception of a library's renderer, carried through the base registry. */
    private static final class RenderFailure extends RuntimeException {
        RenderFailure(Exception cause) {
            super(cause);
        }
    }
}
