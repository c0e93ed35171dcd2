package dl10.kernel.render;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;

/**
 * Encodes images as base64 PNG, the form Jupyter expects for {@code image/png}.
 */
public final class PngEncoding {
    private PngEncoding() {
    }

    /** Base64 of the PNG encoding of the image. */
    public static String base64Png(BufferedImage image) {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream()) {
            if (!ImageIO.write(image, "png", bytes)) {
                throw new IOException("no PNG writer available for image type " + image.getType());
            }
            return Base64.getEncoder().encodeToString(bytes.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not encode image as PNG: " + e.getMessage(), e);
        }
    }

    /** Base64 of already encoded PNG bytes. */
    public static String base64(byte[] png) {
        return Base64.getEncoder().encodeToString(png);
    }
}
