package dl10.lib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class DiagramTest {

    static int count(BufferedImage img, int rgb) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) & 0xFFFFFF) == rgb) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void drawsBoxesInTheirRoleColoursAndGrowsWithTheGrid() {
        Diagram d = new Diagram("MLP");
        var x = d.box(0, 0, "input", "4 features", Diagram.Role.DATA);
        var h = d.box(1, 0, "Linear + ReLU", "64 units", Diagram.Role.LAYER);
        var p = d.op(2, 0, "+");
        var l = d.box(3, 0, "loss", null, Diagram.Role.LOSS);
        d.arrow(x, h).arrow(h, p, "scores").curve(x, p, "skip", 1).dashed(l, h, "gradient").group("× 2", h, p);
        BufferedImage img = d.draw();
        assertTrue(img.getWidth() > 3 * d.cellWidth && img.getWidth() < 5 * d.cellWidth, "width " + img.getWidth());
        assertTrue(img.getHeight() < 3 * d.cellHeight, "height " + img.getHeight() + ": the content is cropped");
        assertTrue(count(img, 0xD6E6F5) > 500, "a blue layer box");
        assertTrue(count(img, 0xE8E8E8) > 500, "a grey data box");
        assertTrue(count(img, 0xF8D7DA) > 300, "a red loss box");
        assertTrue(count(img, 0xFCE5CD) > 100, "an orange operation circle");

        Diagram wide = new Diagram("");
        wide.box(0, 0, "a", null, Diagram.Role.DATA);
        wide.box(6, 2, "b", null, Diagram.Role.DATA);
        BufferedImage big = wide.draw();
        assertTrue(big.getWidth() > 6 * wide.cellWidth && big.getHeight() > 2 * wide.cellHeight);
    }

    @Test
    void badUseIsExplained() {
        Diagram d = new Diagram("net");
        assertEquals("the diagram \"net\" has no nodes; add boxes first",
                assertThrows(IllegalStateException.class, d::draw).getMessage());
        assertEquals("box(): the text is empty; give what the node stands for",
                assertThrows(IllegalArgumentException.class, () -> d.box(0, 0, " ", null, Diagram.Role.DATA)).getMessage());
        assertEquals("node \"x\" is at column -1.0, row 0.0; grid positions start at 0",
                assertThrows(IllegalArgumentException.class, () -> d.box(-1, 0, "x", null, Diagram.Role.DATA)).getMessage());
        var a = d.box(0, 0, "a", null, Diagram.Role.DATA);
        var foreign = new Diagram("other").box(0, 0, "b", null, Diagram.Role.DATA);
        assertEquals("that node does not belong to the diagram \"net\"; create it with this diagram's box(), op() or text()",
                assertThrows(IllegalArgumentException.class, () -> d.arrow(a, foreign)).getMessage());
        assertEquals("group(\"g\"): give at least one node",
                assertThrows(IllegalArgumentException.class, () -> d.group("g")).getMessage());
    }
}
