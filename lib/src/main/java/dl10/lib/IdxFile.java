package dl10.lib;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * One IDX file as used by MNIST: a 4-byte magic number (two zero bytes, the type byte 0x08 for
 * unsigned bytes, the number of dimensions), one big-endian int per dimension, then the values.
 * Reads plain or gzipped files (detected from the first bytes) and fails with a message naming the
 * file for a bad magic number, a truncated header or body, or trailing bytes.
 */
public final class IdxFile {
    private final Path path;
    private final int[] dims;
    private final byte[] data;

    private IdxFile(Path path, int[] dims, byte[] data) {
        this.path = path;
        this.dims = dims;
        this.data = data;
    }

    /** Reads an IDX file of unsigned bytes, gzipped or not. */
    public static IdxFile read(Path path) {
        byte[] raw;
        try {
            raw = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read IDX file " + path.toAbsolutePath() + ": " + e, e);
        }
        byte[] bytes = raw;
        if (raw.length >= 2 && (raw[0] & 0xff) == 0x1f && (raw[1] & 0xff) == 0x8b) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
                bytes = in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException("IDX file " + path.toAbsolutePath()
                        + " is not a complete gzip stream (" + e.getMessage() + "): the file is truncated or damaged;"
                        + " restore it from git or remake it with data/make-subsets.sh", e);
            }
        }
        return parse(path, bytes);
    }

    private static IdxFile parse(Path path, byte[] bytes) {
        String name = path.toAbsolutePath().toString();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(new ByteArrayInputStream(bytes)))) {
            int magic = in.readInt();
            int type = (magic >>> 8) & 0xff;
            int rank = magic & 0xff;
            if ((magic >>> 16) != 0 || type != 0x08 || rank < 1 || rank > 4) {
                throw new IllegalArgumentException(String.format(
                        "Bad IDX magic number 0x%08x in %s: expected 0x000008NN (unsigned bytes, NN = 1..4 dimensions),"
                                + " e.g. 0x00000801 for labels or 0x00000803 for images. Is this an IDX file?", magic, name));
            }
            int[] dims = new int[rank];
            long expected = 1;
            for (int d = 0; d < rank; d++) {
                dims[d] = in.readInt();
                if (dims[d] < 0) {
                    throw new IllegalArgumentException("IDX file " + name + " has a negative size " + dims[d] + " in dimension " + d);
                }
                expected *= dims[d];
            }
            long available = bytes.length - 4L - 4L * rank;
            if (available < expected) {
                throw new IllegalArgumentException("IDX file " + name + " is truncated: its header promises "
                        + Arrays.toString(dims) + " = " + expected + " bytes of data but only " + available
                        + " follow. Restore it from git or remake it with data/make-subsets.sh.");
            }
            if (available > expected) {
                throw new IllegalArgumentException("IDX file " + name + " has " + (available - expected)
                        + " unexpected bytes after the " + expected + " bytes of data its header " + Arrays.toString(dims) + " promises.");
            }
            if (expected > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("IDX file " + name + " is too large: " + expected + " bytes");
            }
            byte[] data = new byte[(int) expected];
            in.readFully(data);
            return new IdxFile(path, dims, data);
        } catch (EOFException e) {
            throw new IllegalArgumentException("IDX file " + name + " is truncated: it ends inside the header ("
                    + bytes.length + " bytes). Restore it from git or remake it with data/make-subsets.sh.", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read IDX file " + name, e);
        }
    }

    /** The file this was read from. */
    public Path path() {
        return path;
    }

    /** The dimensions, e.g. [10000, 28, 28] for images or [10000] for labels (a copy). */
    public int[] dims() {
        return dims.clone();
    }

    /** The first dimension: the number of items. */
    public int count() {
        return dims[0];
    }

    /** Number of values per item (the product of all dimensions after the first). */
    public int itemSize() {
        int size = 1;
        for (int d = 1; d < dims.length; d++) {
            size *= dims[d];
        }
        return size;
    }

    /** The value at flat position {@code i}, as an unsigned byte 0..255. */
    public int unsigned(int i) {
        return data[i] & 0xff;
    }

    /** All values as unsigned ints 0..255, in file order. */
    public int[] values() {
        int[] out = new int[data.length];
        for (int i = 0; i < data.length; i++) {
            out[i] = data[i] & 0xff;
        }
        return out;
    }
}
