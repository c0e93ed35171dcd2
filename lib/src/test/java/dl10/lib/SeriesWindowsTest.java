package dl10.lib;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class SeriesWindowsTest {
    static final float[] SERIES = {1, 2, 3, 4, 5};

    @Test
    void windowsAreFollowedByTheirNextValue() {
        SeriesWindows w = SeriesWindows.of(SERIES, 3);
        assertEquals(2, w.size());
        assertEquals(3, w.window());
        assertArrayEquals(new float[] {1, 2, 3}, w.inputs()[0]);
        assertArrayEquals(new float[] {2, 3, 4}, w.inputs()[1]);
        assertArrayEquals(new float[] {4, 5}, w.targets());
        w.inputs()[0][0] = 9;
        w.targets()[0] = 9;
        assertEquals(1f, w.inputs()[0][0]);
        assertEquals(4f, w.targets()[0]);
    }

    @Test
    void arraysAreBatchFirst() {
        SeriesWindows w = SeriesWindows.of(SERIES, 2);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = w.inputArray(m);
            assertEquals(new Shape(3, 2, 1), x.getShape());
            assertEquals(4f, x.get(2, 1, 0).getFloat());
            NDArray y = w.targetArray(m);
            assertEquals(new Shape(3, 1), y.getShape());
            assertArrayEquals(new float[] {3, 4, 5}, y.toFloatArray());
        }
    }

    @Test
    void airPassengersGiveOneWindowPerMonthAfterTheFirstYear() {
        double[] passengers = Tables.doubles(Datasets.airPassengers(), "passengers");
        float[] scaled = new float[passengers.length];
        for (int i = 0; i < passengers.length; i++) {
            scaled[i] = (float) ((passengers[i] - 104) / 518); // 104 in November 1949 .. 622 in July 1960
        }
        SeriesWindows w = SeriesWindows.of(scaled, 12);
        assertEquals(132, w.size());
        assertEquals((112 - 104) / 518f, w.inputs()[0][0], 1e-6);
        assertEquals(scaled[12], w.targets()[0]);
        assertEquals(scaled[143], w.targets()[131]);
    }

    @Test
    void badWindowsAreReported() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SeriesWindows.of(SERIES, 0))
                .getMessage().contains("window must be at least 1, got 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SeriesWindows.of(SERIES, 5))
                .getMessage().contains("a series of 5 values has no window of 5 followed by a target"));
    }
}
