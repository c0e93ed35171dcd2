package dl10.lib;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.*;

class SplitsTest {
    static int[] labels(int... perClass) {
        return IntStream.range(0, perClass.length).flatMap(c -> IntStream.range(0, perClass[c]).map(i -> c)).toArray();
    }

    static int count(int[] rows, int[] labels, int cls) {
        return (int) Arrays.stream(rows).filter(r -> labels[r] == cls).count();
    }

    @Test
    void everyClassIsInBothPartsInProportion() {
        int[] y = labels(50, 100, 30);
        TrainTestSplit s = Splits.stratified(y, 0.2, 7);
        assertEquals(10, count(s.test(), y, 0));
        assertEquals(20, count(s.test(), y, 1));
        assertEquals(6, count(s.test(), y, 2));
        assertEquals(40, count(s.train(), y, 0));
        assertEquals(80, count(s.train(), y, 1));
        assertEquals(24, count(s.train(), y, 2));
        int[] all = IntStream.concat(Arrays.stream(s.train()), Arrays.stream(s.test())).sorted().toArray();
        assertArrayEquals(IntStream.range(0, y.length).toArray(), all);
        assertEquals("TrainTestSplit[144 train, 36 test]", s.toString());
    }

    @Test
    void tinyClassesKeepOneRowOnEachSide() {
        int[] y = labels(2, 3, 20);
        TrainTestSplit s = Splits.stratified(y, 0.1, 1);
        assertEquals(1, count(s.test(), y, 0));
        assertEquals(1, count(s.train(), y, 0));
        assertEquals(1, count(s.test(), y, 1));
        assertEquals(2, count(s.test(), y, 2));
    }

    @Test
    void sameSeedSameSplitOtherSeedOtherSplit() {
        int[] y = labels(40, 40, 40);
        TrainTestSplit a = Splits.stratified(y, 0.25, 42);
        TrainTestSplit b = Splits.stratified(y, 0.25, 42);
        TrainTestSplit c = Splits.stratified(y, 0.25, 43);
        assertArrayEquals(a.train(), b.train());
        assertArrayEquals(a.test(), b.test());
        assertFalse(Arrays.equals(a.test(), c.test()));
    }

    @Test
    void splitIsShuffledNotSortedByClass() {
        int[] y = labels(50, 50, 50);
        int[] train = Splits.stratified(y, 0.2, 3).train();
        assertFalse(Arrays.equals(train, Arrays.stream(train).sorted().toArray()));
    }

    @Test
    void badInputsAreReported() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Splits.stratified(new int[0], 0.2, 1))
                .getMessage().contains("no labels given"));
        for (double f : new double[] {0, 1, -0.1, 1.5, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Splits.stratified(labels(5, 5), f, 1));
            assertTrue(e.getMessage().contains("testFraction must be strictly between 0 and 1, got " + f), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Splits.stratified(labels(5, 1, 5), 0.2, 1));
        assertTrue(e.getMessage().contains("class 1 has only 1 sample (row 5)"), e.getMessage());
    }

    @Test
    void trainTestSplitReturnsCopies() {
        TrainTestSplit s = new TrainTestSplit(new int[] {1, 2}, new int[] {0});
        s.train()[0] = 9;
        assertArrayEquals(new int[] {1, 2}, s.train());
        assertArrayEquals(new int[] {0}, s.test());
    }
}
