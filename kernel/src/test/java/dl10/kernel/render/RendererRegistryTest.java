package dl10.kernel.render;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.awt.image.BufferedImage;
import java.util.Base64;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RendererRegistryTest {
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G'};
    private final RendererRegistry registry = RendererRegistry.withDefaults();

    private static void assertPng(String base64) {
        byte[] bytes = Base64.getDecoder().decode(base64);
        byte[] head = new byte[4];
        System.arraycopy(bytes, 0, head, 0, 4);
        assertArrayEquals(PNG_MAGIC, head);
    }

    @Test
    void bufferedImageBecomesPng() {
        MimeBundle bundle = registry.render(new BufferedImage(5, 3, BufferedImage.TYPE_INT_RGB));
        assertPng(bundle.get("image/png"));
        assertEquals("<image 5x3>", bundle.get("text/plain"));
    }

    @Test
    void xchartChartBecomesPng() {
        XYChart chart = new XYChartBuilder().width(200).height(150).title("loss").build();
        chart.addSeries("train", new double[] {1, 2, 3}, new double[] {0.9, 0.5, 0.2});
        MimeBundle bundle = registry.render(chart);
        assertPng(bundle.get("image/png"));
        assertTrue(bundle.get("text/plain").contains("'loss'"), bundle.get("text/plain"));
    }

    @Test
    void tableBecomesHtmlWithAtMostTwentyRowsAndANote() {
        Table table = Table.create("scores",
                StringColumn.create("name", IntStream.range(0, 25).mapToObj(i -> "n<" + i + ">").toArray(String[]::new)),
                DoubleColumn.create("value", IntStream.range(0, 25).mapToDouble(i -> i / 2.0).toArray()));
        MimeBundle bundle = registry.render(table);
        String html = bundle.get("text/html");
        assertTrue(html.startsWith("<table"), html);
        assertEquals(21, html.split("<tr>", -1).length - 1, "header row + 20 data rows");
        assertTrue(html.contains("<th>name</th><th>value</th>"), html);
        assertTrue(html.contains("<td>n&lt;0&gt;</td>"), "cells are escaped: " + html);
        assertTrue(html.contains("… 5 more rows"), html);
        assertTrue(bundle.get("text/plain").contains("scores"), bundle.get("text/plain"));
    }

    @Test
    void smallTableHasNoMoreRowsNote() {
        Table table = Table.create("t", DoubleColumn.create("x", 1.0, 2.0));
        assertFalse(registry.render(table).get("text/html").contains("more rows"));
    }

    @Test
    void otherValuesBecomePlainText() {
        assertEquals("[1, 2]", registry.render(java.util.List.of(1, 2)).get("text/plain"));
        assertEquals("[1, 2, 3]", registry.render(new int[] {1, 2, 3}).get("text/plain"));
        assertEquals("null", registry.render(null).get("text/plain"));
        assertEquals(1, registry.render("x").data().size());
    }

    @Test
    void requestedMimeTypesFilterTheBundle() {
        MimeBundle bundle = registry.render(new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB), "image/*");
        assertEquals(java.util.Set.of("image/png"), bundle.data().keySet());
        MimeBundle fallback = registry.render("text only", "image/png");
        assertEquals("text only", fallback.get("text/plain"));
    }

    @Test
    void failingRendererIsReportedAsText() {
        RendererRegistry broken = new RendererRegistry();
        broken.register(new ObjectRenderer() {
            @Override
            public boolean supports(Object value) {
                return true;
            }

            @Override
            public java.util.List<String> mimeTypes() {
                return java.util.List.of("image/png");
            }

            @Override
            public void render(Object value, MimeBundle into) {
                throw new IllegalStateException("no pixels");
            }
        });
        assertTrue(broken.render("x").get("text/plain").startsWith("Could not render java.lang.String: java.lang.IllegalStateException: no pixels"));
    }
}
