package dl10.lib;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A labelled set of grey images held in memory: N images of H x W pixels scaled to 0..1, an int
 * label per image and the class names. It hands the images to DJL as (N,1,H,W) or (N,H*W) float32
 * arrays and the labels as a float32 vector, the form DJL's {@code SoftmaxCrossEntropyLoss} and
 * {@code Accuracy} take (sparse labels: the class index stored as a float).
 */
public final class ImageSet {
    private final float[] pixels;
    private final int[] labels;
    private final int height;
    private final int width;
    private final String[] classNames;

    private ImageSet(float[] pixels, int[] labels, int height, int width, String[] classNames) {
        this.pixels = pixels;
        this.labels = labels;
        this.height = height;
        this.width = width;
        this.classNames = classNames;
    }

    /**
     * Builds a set from pixel values (N*H*W floats, image after image, row by row), labels and
     * class names. Checks that the sizes agree and every label names a class. The arrays are copied.
     */
    public static ImageSet of(float[] pixels, int[] labels, int height, int width, String[] classNames) {
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("Image size must be positive, got " + height + "x" + width);
        }
        if (labels.length == 0) {
            throw new IllegalArgumentException("An image set needs at least one image: got 0 labels");
        }
        if ((long) labels.length * height * width != pixels.length) {
            throw new IllegalArgumentException("Image set size mismatch: " + labels.length + " labels x " + height + "x" + width
                    + " pixels = " + (long) labels.length * height * width + " values expected, but got " + pixels.length);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classNames.length) {
                throw new IllegalArgumentException("Label " + labels[i] + " of image " + i + " is outside 0.." + (classNames.length - 1)
                        + " (" + classNames.length + " class names " + Arrays.toString(classNames) + ")");
            }
        }
        return new ImageSet(pixels.clone(), labels.clone(), height, width, classNames.clone());
    }

    /**
     * Reads an IDX image file (N,H,W) and its IDX label file (N), scaling pixels 0..255 to 0..1.
     * Fails naming both files if their counts differ or the shapes are not images / labels.
     */
    public static ImageSet fromIdx(Path imageFile, Path labelFile, String[] classNames) {
        IdxFile images = IdxFile.read(imageFile);
        IdxFile labels = IdxFile.read(labelFile);
        int[] imageDims = images.dims();
        int[] labelDims = labels.dims();
        if (imageDims.length != 3) {
            throw new IllegalArgumentException("IDX image file " + imageFile.toAbsolutePath() + " has dimensions "
                    + Arrays.toString(imageDims) + ", expected 3 (count, height, width)");
        }
        if (labelDims.length != 1) {
            throw new IllegalArgumentException("IDX label file " + labelFile.toAbsolutePath() + " has dimensions "
                    + Arrays.toString(labelDims) + ", expected 1 (count)");
        }
        if (imageDims[0] != labelDims[0]) {
            throw new IllegalArgumentException("Image and label files disagree: " + imageFile.toAbsolutePath() + " holds "
                    + imageDims[0] + " images but " + labelFile.toAbsolutePath() + " holds " + labelDims[0]
                    + " labels. They must come from the same part (train or t10k) of the same dataset.");
        }
        float[] pixels = new float[images.count() * images.itemSize()];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = images.unsigned(i) / 255f;
        }
        return of(pixels, labels.values(), imageDims[1], imageDims[2], classNames);
    }

    /** Number of images. */
    public int size() {
        return labels.length;
    }

    /** Image height in pixels. */
    public int height() {
        return height;
    }

    /** Image width in pixels. */
    public int width() {
        return width;
    }

    /** Class index of image {@code i}. */
    public int label(int i) {
        checkIndex(i);
        return labels[i];
    }

    /** All class indices (a copy). */
    public int[] labels() {
        return labels.clone();
    }

    /** Pixels of image {@code i}, row by row, 0..1 (a copy). */
    public float[] pixels(int i) {
        checkIndex(i);
        int n = height * width;
        return Arrays.copyOfRange(pixels, i * n, (i + 1) * n);
    }

    /** Class names, indexed by label (a copy). */
    public String[] classNames() {
        return classNames.clone();
    }

    /** Name of the class of image {@code i}. */
    public String className(int i) {
        return classNames[label(i)];
    }

    /** The images at the given positions, in that order (positions may repeat). */
    public ImageSet subset(int[] indices) {
        if (indices.length == 0) {
            throw new IllegalArgumentException("subset: no indices given; an image set needs at least one image");
        }
        int n = height * width;
        float[] p = new float[indices.length * n];
        int[] l = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            checkIndex(indices[k]);
            System.arraycopy(pixels, indices[k] * n, p, k * n, n);
            l[k] = labels[indices[k]];
        }
        return new ImageSet(p, l, height, width, classNames);
    }

    /** The first {@code n} images (fails if there are fewer). */
    public ImageSet first(int n) {
        if (n < 1 || n > size()) {
            throw new IllegalArgumentException("first(" + n + "): choose 1.." + size() + " images");
        }
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        return subset(idx);
    }

    /** All images as a float32 array of shape (N, 1, H, W), for convolutional networks. */
    public NDArray images(NDManager manager) {
        return manager.create(pixels, new Shape(size(), 1, height, width));
    }

    /** All images flattened to a float32 array of shape (N, H*W), for dense networks. */
    public NDArray flat(NDManager manager) {
        return manager.create(pixels, new Shape(size(), (long) height * width));
    }

    /**
     * The labels as a float32 array of shape (N), holding the class index of each image: the
     * sparse-label form that DJL's {@code SoftmaxCrossEntropyLoss} (default sparseLabel = true)
     * and {@code Accuracy} expect, the same as DJL's own MNIST dataset.
     */
    public NDArray labelArray(NDManager manager) {
        float[] f = new float[labels.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = labels[i];
        }
        return manager.create(f, new Shape(f.length));
    }

    /** Image {@code i} as a grey picture at its own size (black 0, white 1). */
    public BufferedImage image(int i) {
        return image(i, 1);
    }

    /** Image {@code i} as a grey picture, each pixel drawn as a {@code scale} x {@code scale} block. */
    public BufferedImage image(int i, int scale) {
        if (scale < 1) {
            throw new IllegalArgumentException("scale must be at least 1, got " + scale);
        }
        float[] p = pixels(i);
        BufferedImage img = new BufferedImage(width * scale, height * scale, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < height * scale; y++) {
            for (int x = 0; x < width * scale; x++) {
                int v = Math.round(Math.max(0f, Math.min(1f, p[(y / scale) * width + x / scale])) * 255f);
                img.getRaster().setSample(x, y, 0, v);
            }
        }
        return img;
    }

    private void checkIndex(int i) {
        if (i < 0 || i >= labels.length) {
            throw new IndexOutOfBoundsException("Image index " + i + " is outside 0.." + (labels.length - 1));
        }
    }

    @Override
    public String toString() {
        return "ImageSet[" + size() + " images " + height + "x" + width + ", " + classNames.length + " classes]";
    }
}
