package dl10.lib;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class ScalingTest {
    static final float[][] ROWS = {{1, 10, 5}, {3, 20, 5}, {5, 30, 5}};

    @Test
    void standardizerFitsMeanAndPopulationStd() {
        Standardizer s = Standardizer.fit(ROWS);
        assertArrayEquals(new float[] {3, 20, 5}, s.mean(), 1e-6f);
        assertEquals(Math.sqrt(8 / 3.0), s.std()[0], 1e-6);
        assertEquals(1f, s.std()[2]); // zero variance column: std 1
        float[][] z = s.transform(ROWS);
        assertEquals(-Math.sqrt(1.5), z[0][0], 1e-6);
        assertEquals(0f, z[1][1], 1e-6);
        assertEquals(0f, z[2][2]);
        float[][] other = s.transform(new float[][] {{3 + 2 * s.std()[0], 20, 6}});
        assertArrayEquals(new float[] {2, 0, 1}, other[0], 1e-5f);
    }

    @Test
    void standardizerWorksOnNDArraysTheSameWay() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {1, 10, 5, 3, 20, 5, 5, 30, 5}, new Shape(3, 3));
            Standardizer s = Standardizer.fit(x);
            assertArrayEquals(Standardizer.fit(ROWS).mean(), s.mean(), 1e-6f);
            NDArray z = s.transform(x);
            assertEquals(new Shape(3, 3), z.getShape());
            float[][] expected = s.transform(ROWS);
            assertArrayEquals(expected[0], z.get(0).toFloatArray(), 1e-6f);
            assertArrayEquals(expected[2], z.get(2).toFloatArray(), 1e-6f);
        }
    }

    @Test
    void standardizerRejectsBadShapes() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Standardizer.fit(new float[0][]))
                .getMessage().contains("no rows given"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Standardizer.fit(new float[][] {{}}))
                .getMessage().contains("no columns"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Standardizer.fit(new float[][] {{1, 2}, {3}}))
                .getMessage().contains("row 1 has 1 values, row 0 has 2"));
        Standardizer s = Standardizer.fit(ROWS);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> s.transform(new float[][] {{1, 2}}))
                .getMessage().contains("row 0 has 2 values but the standardizer was fitted on 3 columns"));
        try (NDManager m = NDManager.newBaseManager()) {
            assertTrue(assertThrows(IllegalArgumentException.class, () -> s.transform(m.ones(new Shape(2, 4))))
                    .getMessage().contains("expected shape (rows, 3), got (2, 4)"));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> Standardizer.fit(m.ones(new Shape(4))))
                    .getMessage().contains("expected a 2-D array"));
        }
    }
}
