package dl10.lib;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.Loss;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class ImageSetTest {
    @TempDir
    Path temp;

    /** Three 2x2 images: image k has all pixels (k+1)/10, labels 0, 1, 0. */
    static ImageSet tiny() {
        float[] p = new float[12];
        for (int i = 0; i < 12; i++) {
            p[i] = (i / 4 + 1) / 10f;
        }
        return ImageSet.of(p, new int[] {0, 1, 0}, 2, 2, new String[] {"a", "b"});
    }

    @Test
    void accessorsDescribeTheSet() {
        ImageSet s = tiny();
        assertEquals(3, s.size());
        assertEquals(2, s.height());
        assertEquals(2, s.width());
        assertEquals(1, s.label(1));
        assertArrayEquals(new int[] {0, 1, 0}, s.labels());
        assertArrayEquals(new float[] {0.2f, 0.2f, 0.2f, 0.2f}, s.pixels(1));
        assertArrayEquals(new String[] {"a", "b"}, s.classNames());
        assertEquals("b", s.className(1));
        assertEquals("ImageSet[3 images 2x2, 2 classes]", s.toString());
    }

    @Test
    void returnedArraysAreCopies() {
        ImageSet s = tiny();
        s.labels()[0] = 9;
        s.pixels(0)[0] = 9;
        s.classNames()[0] = "z";
        assertEquals(0, s.label(0));
        assertEquals(0.1f, s.pixels(0)[0]);
        assertEquals("a", s.classNames()[0]);
    }

    @Test
    void subsetAndFirstPickImagesInOrder() {
        ImageSet s = tiny();
        ImageSet sub = s.subset(new int[] {2, 1});
        assertEquals(2, sub.size());
        assertArrayEquals(new int[] {0, 1}, sub.labels());
        assertEquals(0.3f, sub.pixels(0)[0]);
        ImageSet first = s.first(2);
        assertArrayEquals(new int[] {0, 1}, first.labels());
        assertEquals(0.2f, first.pixels(1)[3]);
    }

    @Test
    void badIndicesAndSizesAreReported() {
        ImageSet s = tiny();
        assertTrue(assertThrows(IndexOutOfBoundsException.class, () -> s.label(3)).getMessage().contains("Image index 3 is outside 0..2"));
        assertTrue(assertThrows(IndexOutOfBoundsException.class, () -> s.subset(new int[] {-1})).getMessage().contains("Image index -1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> s.subset(new int[0])).getMessage().contains("no indices"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> s.first(4)).getMessage().contains("choose 1..3"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> s.image(0, 0)).getMessage().contains("scale must be at least 1"));
    }

    @Test
    void constructionChecksSizesAndLabels() {
        String[] ab = {"a", "b"};
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ImageSet.of(new float[0], new int[0], 2, 2, ab))
                .getMessage().contains("at least one image"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ImageSet.of(new float[5], new int[] {0}, 2, 2, ab))
                .getMessage().contains("4 values expected, but got 5"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ImageSet.of(new float[4], new int[] {2}, 2, 2, ab))
                .getMessage().contains("Label 2 of image 0 is outside 0..1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ImageSet.of(new float[4], new int[] {0}, 0, 2, ab))
                .getMessage().contains("must be positive"));
    }

    @Test
    void arraysHaveTheDocumentedShapesAndTypes() {
        ImageSet s = tiny();
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray images = s.images(m);
            assertEquals(new Shape(3, 1, 2, 2), images.getShape());
            assertEquals(DataType.FLOAT32, images.getDataType());
            assertEquals(0.3f, images.get(2, 0, 1, 1).getFloat(), 1e-7);
            NDArray flat = s.flat(m);
            assertEquals(new Shape(3, 4), flat.getShape());
            assertEquals(0.2f, flat.get(1, 3).getFloat(), 1e-7);
            NDArray labels = s.labelArray(m);
            assertEquals(new Shape(3), labels.getShape());
            assertEquals(DataType.FLOAT32, labels.getDataType());
            assertArrayEquals(new float[] {0, 1, 0}, labels.toFloatArray());
        }
    }

    @Test
    void labelArrayWorksWithSoftmaxCrossEntropyLoss() {
        ImageSet s = tiny();
        try (NDManager m = NDManager.newBaseManager()) {
            // logits strongly favour the right class for images 0 and 1, and the wrong one for image 2
            NDArray logits = m.create(new float[] {5, 0, 0, 5, 0, 5}, new Shape(3, 2));
            float loss = Loss.softmaxCrossEntropyLoss().evaluate(new NDList(s.labelArray(m)), new NDList(logits)).getFloat();
            double right = Math.log(1 + Math.exp(-5));
            double wrong = Math.log(1 + Math.exp(5));
            assertEquals((2 * right + wrong) / 3, loss, 1e-4);
            ai.djl.training.evaluator.Accuracy accuracy = new ai.djl.training.evaluator.Accuracy();
            accuracy.addAccumulator("test");
            accuracy.updateAccumulator("test", new NDList(s.labelArray(m)), new NDList(logits));
            assertEquals(2 / 3f, accuracy.getAccumulator("test"), 1e-6);
        }
    }

    @Test
    void imageIsAGreyPictureOfThePixels() {
        ImageSet s = tiny();
        BufferedImage img = s.image(2);
        assertEquals(2, img.getWidth());
        assertEquals(BufferedImage.TYPE_BYTE_GRAY, img.getType());
        assertEquals(Math.round(0.3f * 255), img.getRaster().getSample(1, 1, 0));
        BufferedImage big = s.image(0, 3);
        assertEquals(6, big.getWidth());
        assertEquals(6, big.getHeight());
        assertEquals(Math.round(0.1f * 255), big.getRaster().getSample(5, 5, 0));
    }

    @Test
    void fromIdxReadsImagesAndLabelsScaledToOne() throws Exception {
        Path images = Files.write(temp.resolve("i.idx"), IdxFileTest.idx(0x803, new int[] {2, 2, 3}, 12));
        Path labels = Files.write(temp.resolve("l.idx"), new byte[] {0, 0, 8, 1, 0, 0, 0, 2, 1, 0});
        ImageSet s = ImageSet.fromIdx(images, labels, new String[] {"x", "y"});
        assertEquals(2, s.size());
        assertEquals(2, s.height());
        assertEquals(3, s.width());
        assertArrayEquals(new int[] {1, 0}, s.labels());
        assertEquals(222 / 255f, s.pixels(1)[0], 1e-7);
    }

    @Test
    void fromIdxReportsCountMismatchAndWrongShapes() throws Exception {
        Path images = Files.write(temp.resolve("i.idx"), IdxFileTest.idx(0x803, new int[] {2, 2, 2}, 8));
        Path labels3 = Files.write(temp.resolve("l3.idx"), IdxFileTest.idx(0x801, new int[] {3}, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImageSet.fromIdx(images, labels3, new String[] {"a", "b", "c"}));
        assertTrue(e.getMessage().contains("holds 2 images but " + labels3.toAbsolutePath() + " holds 3 labels"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ImageSet.fromIdx(labels3, labels3, new String[] {"a"}));
        assertTrue(e.getMessage().contains("expected 3 (count, height, width)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ImageSet.fromIdx(images, images, new String[] {"a"}));
        assertTrue(e.getMessage().contains("expected 1 (count)"), e.getMessage());
    }
}
