import java.io.*;
import java.nio.file.*;
import java.util.zip.*;

/**
 * Remakes the class-balanced MNIST and Fashion-MNIST subsets shipped in data/.
 * Rule: walk each full IDX file in file order and keep an image while its class has fewer than
 * PER_CLASS images kept so far (1,000 per class for training, 200 per class for test); the kept
 * images stay in their original file order. Output is gzipped IDX, byte-for-byte reproducible.
 * Usage: java data/MakeSubsets.java SHARED_DATASETS_DIR DATA_DIR
 */
public class MakeSubsets {
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: java data/MakeSubsets.java <shared datasets dir> <data dir>");
            System.exit(2);
        }
        Path src = Path.of(args[0]), dst = Path.of(args[1]);
        for (String set : new String[] {"mnist", "fashion-mnist"}) {
            subset(src.resolve(set), dst.resolve(set), "train", 1000);
            subset(src.resolve(set), dst.resolve(set), "t10k", 200);
        }
    }

    static void subset(Path in, Path out, String part, int perClass) throws IOException {
        byte[] images = gunzip(in.resolve(part + "-images-idx3-ubyte.gz"));
        byte[] labels = gunzip(in.resolve(part + "-labels-idx1-ubyte.gz"));
        DataInputStream ih = new DataInputStream(new ByteArrayInputStream(images));
        DataInputStream lh = new DataInputStream(new ByteArrayInputStream(labels));
        if (ih.readInt() != 0x803 || lh.readInt() != 0x801) throw new IOException("bad IDX magic in " + in);
        int n = ih.readInt(), rows = ih.readInt(), cols = ih.readInt();
        if (lh.readInt() != n) throw new IOException("image and label counts differ in " + in);
        int size = rows * cols;
        int[] kept = new int[10];
        ByteArrayOutputStream keptImages = new ByteArrayOutputStream();
        ByteArrayOutputStream keptLabels = new ByteArrayOutputStream();
        int count = 0;
        for (int i = 0; i < n; i++) {
            int label = labels[8 + i] & 0xff;
            if (kept[label] < perClass) {
                kept[label]++;
                count++;
                keptLabels.write(label);
                keptImages.write(images, 16 + i * size, size);
            }
        }
        Files.createDirectories(out);
        ByteArrayOutputStream ib = new ByteArrayOutputStream();
        DataOutputStream io = new DataOutputStream(ib);
        io.writeInt(0x803); io.writeInt(count); io.writeInt(rows); io.writeInt(cols);
        keptImages.writeTo(io);
        ByteArrayOutputStream lb = new ByteArrayOutputStream();
        DataOutputStream lo = new DataOutputStream(lb);
        lo.writeInt(0x801); lo.writeInt(count);
        keptLabels.writeTo(lo);
        gzip(ib.toByteArray(), out.resolve(part + "-images-idx3-ubyte.gz"));
        gzip(lb.toByteArray(), out.resolve(part + "-labels-idx1-ubyte.gz"));
        System.out.printf("%s/%s: kept %d of %d (%d per class)%n", out, part, count, n, perClass);
    }

    static byte[] gunzip(Path p) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(p))) { return in.readAllBytes(); }
    }

    static void gzip(byte[] data, Path p) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) { out.write(data); }
    }
}
