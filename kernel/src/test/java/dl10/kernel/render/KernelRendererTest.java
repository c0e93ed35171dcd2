package dl10.kernel.render;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KernelRendererTest {
    private final KernelRenderer renderer = KernelRenderer.standalone();

    static String text(DisplayData data) {
        return (String) data.getData(MIMEType.TEXT_PLAIN);
    }

    static String data(DisplayData data, String mimeType) {
        return (String) data.getData(MIMEType.parse(mimeType));
    }

    @Test
    void bufferedImagesBecomeCompletePngs() throws Exception {
        // widths 1..12 give PNG lengths of every remainder mod 3, where the base library loses the last bytes
        for (int width = 1; width <= 12; width++) {
            BufferedImage image = new BufferedImage(width, 3, BufferedImage.TYPE_INT_RGB);
            image.setRGB(0, 0, 0xff0000);
            DisplayData rendered = renderer.render(image);
            byte[] png = Base64.getDecoder().decode(data(rendered, "image/png"));
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            ImageIO.write(image, "png", expected);
            assertArrayEquals(expected.toByteArray(), png, "width " + width);
            assertEquals(width, ImageIO.read(new ByteArrayInputStream(png)).getWidth());
            assertEquals("<image " + width + "x3>", text(rendered));
        }
    }

    @Test
    void nullArraysAndOtherValuesBecomePlainText() {
        assertEquals("null", text(renderer.render(null)));
        assertEquals("[1, 2, 3]", text(renderer.render(new int[] {1, 2, 3})));
        assertEquals("[[a, b], [c]]", text(renderer.render(new String[][] {{"a", "b"}, {"c"}})));
        assertEquals("[1, 2]", text(renderer.render(List.of(1, 2))));
        assertEquals("x", text(renderer.render("x")));
        assertNull(renderer.render("x").getData(MIMEType.IMAGE_PNG));
    }

    @Test
    void requestedMimeTypesSelectTheForms() {
        DisplayData image = renderer.render(new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB), "image/*");
        assertNotNull(data(image, "image/png"));
        DisplayData html = renderer.render("<b>bold</b>", "text/html");
        assertEquals("<b>bold</b>", data(html, "text/html"));
        assertEquals("text only", text(renderer.render("text only", "image/png")));
        assertNull(renderer.render("text only", "image/png").getData(MIMEType.IMAGE_PNG));
    }

    @Test
    void registeredRenderersHandleTheirTypeAndSubtypes() {
        renderer.register(Number.class, List.of("text/html", "text/plain"),
                n -> Map.of("text/html", "<i>" + n + "</i>", "text/plain", "number " + n));
        DisplayData rendered = renderer.render(42);
        assertEquals("<i>42</i>", data(rendered, "text/html"));
        assertEquals("number 42", text(rendered));
    }

    @Test
    void aFailingRendererGivesTheValueAndTheErrorAsText() {
        renderer.register(Thread.State.class, List.of("image/png"), s -> {
            throw new java.io.IOException("no pixels for " + s);
        });
        assertEquals("Could not render java.lang.Thread$State: java.io.IOException: no pixels for NEW",
                text(renderer.render(Thread.State.NEW)));
        renderer.register(Character.class, List.of("text/plain"), c -> {
            throw new IllegalStateException("broken");
        });
        assertEquals("Could not render java.lang.Character: java.lang.IllegalStateException: broken",
                text(renderer.render('c')));
    }

    @Test
    void registrationsAreChecked() {
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> renderer.register(Long.class, List.of(), v -> Map.of()));
        assertEquals("a renderer for java.lang.Long must name the MIME types it produces", none.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> renderer.register(Long.class, List.of("png"), v -> Map.of()));
        assertEquals("'png' is not a MIME type such as image/png or text/html", bad.getMessage());
        assertThrows(NullPointerException.class, () -> renderer.register(null, List.of("text/plain"), v -> Map.of()));
    }

    @Test
    void displayDataPassesThroughAsACopy() {
        DisplayData given = new DisplayData("plain");
        given.putHTML("<p>rich</p>");
        DisplayData rendered = renderer.render(given);
        assertEquals("<p>rich</p>", data(rendered, "text/html"));
        rendered.setDisplayId("id");
        assertNull(given.getDisplayId());
    }
}
