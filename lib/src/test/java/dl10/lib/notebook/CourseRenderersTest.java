package dl10.lib.notebook;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CourseRenderersTest {
    static BufferedImage png(String base64) throws Exception {
        return ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(base64)));
    }

    @Test
    void aChartBecomesAPngOfItsSizeAndATextNamingIt() throws Exception {
        XYChart chart = new XYChartBuilder().width(200).height(150).title("loss").build();
        chart.addSeries("train", new double[] {1, 2, 3}, new double[] {0.9, 0.5, 0.2});
        Map<String, String> forms = CourseRenderers.chart(chart);
        assertEquals(List.of("image/png", "text/plain"), List.copyOf(forms.keySet()));
        BufferedImage image = png(forms.get("image/png"));
        assertEquals(200, image.getWidth());
        assertEquals(150, image.getHeight());
        assertEquals("<XYChart 'loss' 200x150>", forms.get("text/plain"));
        assertEquals("<XYChart 100x80>", CourseRenderers.chart(new XYChartBuilder().width(100).height(80).build()).get("text/plain"));
    }

    @Test
    void aTableBecomesHtmlWithAtMostTwentyRowsAndANote() {
        Table table = Table.create("scores",
                StringColumn.create("name", IntStream.range(0, 25).mapToObj(i -> "n<" + i + ">").toArray(String[]::new)),
                DoubleColumn.create("value", IntStream.range(0, 25).mapToDouble(i -> i / 2.0).toArray()));
        Map<String, String> forms = CourseRenderers.table(table);
        String html = forms.get("text/html");
        assertTrue(html.startsWith("<table class=\"dl10-table\"><caption>scores</caption>"), html);
        assertEquals(21, html.split("<tr>", -1).length - 1, "header row + 20 data rows");
        assertTrue(html.contains("<th>name</th><th>value</th>"), html);
        assertTrue(html.contains("<td>n&lt;0&gt;</td>"), "cells are escaped: " + html);
        assertTrue(html.contains("… 5 more rows (25 rows × 2 columns)"), html);
        assertEquals(table.print(CourseRenderers.MAX_TABLE_ROWS), forms.get("text/plain"));
        assertFalse(forms.get("text/plain").contains("n<12>"), "rows in the middle are left out: " + forms.get("text/plain"));
    }

    @Test
    void aSmallTableShowsEveryRowWithoutANote() {
        Table table = Table.create("t", DoubleColumn.create("x", 1.0, 2.0));
        Map<String, String> forms = CourseRenderers.table(table);
        assertFalse(forms.get("text/html").contains("more rows"));
        assertEquals(table.printAll(), forms.get("text/plain"));
    }

    @Test
    void anImageBecomesTheCompletePng() throws Exception {
        for (int width = 1; width <= 6; width++) {
            BufferedImage image = new BufferedImage(width, 2, BufferedImage.TYPE_INT_RGB);
            image.setRGB(0, 0, 0x00ff00);
            Map<String, String> forms = CourseRenderers.image(image);
            BufferedImage decoded = png(forms.get("image/png"));
            assertEquals(width, decoded.getWidth());
            assertEquals(0x00ff00, decoded.getRGB(0, 0) & 0xffffff);
            assertEquals("<image " + width + "x2>", forms.get("text/plain"));
        }
    }

    @Test
    void nullInputsAreNamed() {
        assertEquals("chart", assertThrows(NullPointerException.class, () -> CourseRenderers.chart(null)).getMessage());
        assertEquals("table", assertThrows(NullPointerException.class, () -> CourseRenderers.table(null)).getMessage());
        assertEquals("image", assertThrows(NullPointerException.class, () -> CourseRenderers.image(null)).getMessage());
    }

    @Test
    void htmlEscapesMarkupCharacters() {
        assertEquals("a &lt;b&gt; &amp; &quot;c&quot;", CourseRenderers.escape("a <b> & \"c\""));
    }

    @Test
    void theRegistrationsCoverChartsTablesAndImages() throws Exception {
        List<CourseRenderers.Registration<?>> registrations = CourseRenderers.registrations();
        assertEquals(List.of(org.knowm.xchart.internal.chartpart.Chart.class, Table.class, BufferedImage.class),
                registrations.stream().map(CourseRenderers.Registration::type).toList());
        assertEquals(List.of(CourseRenderers.CHART_TYPES, CourseRenderers.TABLE_TYPES, CourseRenderers.IMAGE_TYPES),
                registrations.stream().map(CourseRenderers.Registration::mimeTypes).toList());
        @SuppressWarnings("unchecked")
        var tables = (CourseRenderers.Registration<Table>) registrations.get(1);
        assertEquals(CourseRenderers.table(Table.create("t", DoubleColumn.create("x", 1.0))),
                tables.render().render(Table.create("t", DoubleColumn.create("x", 1.0))));
    }

    @Test
    void formsGivesTheRenderedFormsAndNamesTheValueWhenRenderingFails() {
        var images = new CourseRenderers.Registration<>(BufferedImage.class, CourseRenderers.IMAGE_TYPES, CourseRenderers::image);
        assertEquals("<image 3x2>", images.forms(new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB)).get("text/plain"));

        var broken = new CourseRenderers.Registration<>(BufferedImage.class, CourseRenderers.IMAGE_TYPES,
                image -> { throw new java.io.IOException("disk full"); });
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> broken.forms(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB)));
        assertEquals("could not render java.awt.image.BufferedImage: java.io.IOException: disk full", e.getMessage());

        var unchecked = new CourseRenderers.Registration<>(BufferedImage.class, CourseRenderers.IMAGE_TYPES,
                image -> { throw new IllegalArgumentException("too large"); });
        assertEquals("too large", assertThrows(IllegalArgumentException.class,
                () -> unchecked.forms(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB))).getMessage());
    }

    @Test
    void importsAreWhatTheLessonsRelyOnBeyondEachKernelsDefaults() {
        assertEquals(List.of("dl10.lib.*", "java.util.function.*", "java.util.stream.*"), CourseRenderers.IMPORTS);
    }
}
