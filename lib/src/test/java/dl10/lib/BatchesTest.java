package dl10.lib;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BatchesTest {

    @Test
    void countsOrdersAndGathersBatches() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.arange(20f).reshape(10, 2);
            NDArray y = m.arange(10f);
            Batches plain = Batches.of(x, y, 4, false);
            assertEquals(10, plain.samples());
            assertEquals(3, plain.count());
            long[] order = plain.order(new Random(1));
            assertArrayEquals(new long[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, order);
            try (NDManager sub = m.newSubManager()) {
                MiniBatch last = plain.batch(sub, order, 2, 3);
                assertEquals(new Shape(2, 2), last.x().getShape());
                assertArrayEquals(new float[] {8, 9}, last.y().toFloatArray());
                assertEquals(3, last.epoch());
                assertEquals(3, last.batch());
                assertEquals(2, last.size());
            }
            Batches shuffled = Batches.of(x, y, 4, true);
            long[] a = shuffled.order(new Random(5));
            assertArrayEquals(a, shuffled.order(new Random(5)));
            assertEquals(45, java.util.Arrays.stream(a).sum());
            try (NDManager sub = m.newSubManager()) {
                MiniBatch first = shuffled.batch(sub, a, 0, 1);
                assertArrayEquals(new float[] {a[0], a[1], a[2], a[3]}, first.y().toFloatArray());
                assertArrayEquals(new float[] {2 * a[0], 2 * a[0] + 1}, first.x().get(0).toFloatArray());
            }
            assertEquals("batch 3 of 3", assertThrows(IndexOutOfBoundsException.class,
                    () -> plain.batch(m, order, 3, 1)).getMessage());
        }
    }

    @Test
    void badDatasetsAreExplained() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray empty = m.zeros(new Shape(0, 4));
            assertEquals("the dataset is empty: x has shape (0, 4); check that the data was loaded",
                    assertThrows(IllegalArgumentException.class,
                            () -> Batches.of(empty, m.zeros(new Shape(0)), 2, true)).getMessage());
            assertEquals("x and y must have the same number of samples (first axis): x has shape (3, 4) but y has shape (2, 1)",
                    assertThrows(IllegalArgumentException.class,
                            () -> Batches.of(m.zeros(new Shape(3, 4)), m.zeros(new Shape(2, 1)), 2, true)).getMessage());
            assertEquals("batch size must be >= 1, got -1",
                    assertThrows(IllegalArgumentException.class,
                            () -> Batches.of(m.zeros(new Shape(3)), m.zeros(new Shape(3)), -1, true)).getMessage());
            assertEquals("the dataset needs features x and labels y; got x and no y",
                    assertThrows(IllegalArgumentException.class,
                            () -> Batches.of(m.zeros(new Shape(3)), null, 1, true)).getMessage());
            assertEquals("x and y need a first axis of samples; got x of shape () and y of shape (3)",
                    assertThrows(IllegalArgumentException.class,
                            () -> Batches.of(m.create(1f), m.zeros(new Shape(3)), 1, true)).getMessage());
        }
    }
}
