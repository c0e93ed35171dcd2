package dl10.lib;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.*;

class IdxFileTest {
    @TempDir
    Path temp;

    static byte[] idx(int magic, int[] dims, int dataBytes) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(b);
        out.writeInt(magic);
        for (int d : dims) {
            out.writeInt(d);
        }
        for (int i = 0; i < dataBytes; i++) {
            out.writeByte(i * 37);
        }
        return b.toByteArray();
    }

    static Path gz(Path file, byte[] bytes) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(bytes);
        }
        return file;
    }

    @Test
    void readsPlainFileWithUnsignedBytes() throws Exception {
        Path f = Files.write(temp.resolve("a.idx"), idx(0x803, new int[] {2, 3, 2}, 12));
        IdxFile idx = IdxFile.read(f);
        assertArrayEquals(new int[] {2, 3, 2}, idx.dims());
        assertEquals(2, idx.count());
        assertEquals(6, idx.itemSize());
        assertEquals((5 * 37) & 0xff, idx.unsigned(5));
        assertEquals(222, idx.unsigned(6)); // 6*37 = 222 > 127: read as unsigned
        assertEquals(12, idx.values().length);
        assertEquals(222, idx.values()[6]);
        assertEquals(f, idx.path());
    }

    @Test
    void readsGzippedFileTheSameWay() throws Exception {
        byte[] bytes = idx(0x801, new int[] {7}, 7);
        IdxFile plain = IdxFile.read(Files.write(temp.resolve("l.idx"), bytes));
        IdxFile zipped = IdxFile.read(gz(temp.resolve("l.idx.gz"), bytes));
        assertArrayEquals(plain.values(), zipped.values());
        assertEquals(1, zipped.itemSize());
    }

    @Test
    void badMagicNumberIsReported() throws Exception {
        Path f = Files.write(temp.resolve("bad.idx"), idx(0x12345678, new int[] {1}, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IdxFile.read(f));
        assertTrue(e.getMessage().contains("Bad IDX magic number 0x12345678"), e.getMessage());
        assertTrue(e.getMessage().contains(f.toAbsolutePath().toString()), e.getMessage());
    }

    @Test
    void floatTypeIsRejectedAsBadMagic() throws Exception {
        Path f = Files.write(temp.resolve("float.idx"), idx(0x0D01, new int[] {1}, 4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IdxFile.read(f));
        assertTrue(e.getMessage().contains("0x00000d01"), e.getMessage());
    }

    @Test
    void truncatedBodyIsReported() throws Exception {
        Path f = Files.write(temp.resolve("short.idx"), idx(0x803, new int[] {10, 28, 28}, 100));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IdxFile.read(f));
        assertTrue(e.getMessage().contains("is truncated"), e.getMessage());
        assertTrue(e.getMessage().contains("[10, 28, 28] = 7840 bytes of data but only 100 follow"), e.getMessage());
    }

    @Test
    void truncatedHeaderIsReported() throws Exception {
        byte[] full = idx(0x803, new int[] {10, 28, 28}, 0);
        Path f = Files.write(temp.resolve("header.idx"), Arrays.copyOf(full, 9));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IdxFile.read(f));
        assertTrue(e.getMessage().contains("ends inside the header (9 bytes)"), e.getMessage());
    }

    @Test
    void trailingBytesAreReported() throws Exception {
        Path f = Files.write(temp.resolve("long.idx"), idx(0x801, new int[] {3}, 5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IdxFile.read(f));
        assertTrue(e.getMessage().contains("2 unexpected bytes"), e.getMessage());
    }

    @Test
    void truncatedGzipIsReported() throws Exception {
        Path whole = gz(temp.resolve("w.gz"), idx(0x803, new int[] {50, 28, 28}, 50 * 784));
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = Files.write(temp.resolve("cut.gz"), Arrays.copyOf(bytes, bytes.length / 2));
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> IdxFile.read(cut));
        assertTrue(e.getMessage().contains("not a complete gzip stream"), e.getMessage());
        assertTrue(e.getMessage().contains(cut.toAbsolutePath().toString()), e.getMessage());
    }

    @Test
    void missingFileIsReported() {
        Path f = temp.resolve("none.idx");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> IdxFile.read(f));
        assertTrue(e.getMessage().contains("Cannot read IDX file " + f.toAbsolutePath()), e.getMessage());
    }
}
