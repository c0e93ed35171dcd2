package dl10.kernel.render;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Renders {@link BufferedImage} as {@code image/png} with a short {@code text/plain} description.
 */
public final class ImageRenderer implements ObjectRenderer {
    @Override
    public boolean supports(Object value) {
        return value instanceof BufferedImage;
    }

    @Override
    public List<String> mimeTypes() {
        return List.of("image/png", "text/plain");
    }

    @Override
    public void render(Object value, MimeBundle into) {
        BufferedImage image = (BufferedImage) value;
        into.put("image/png", PngEncoding.base64Png(image));
        into.put("text/plain", "<image " + image.getWidth() + "x" + image.getHeight() + ">");
    }
}
