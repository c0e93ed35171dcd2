package dl10.lib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void summaryGivesMeanSampleSdAndRange() {
        Stats.Summary s = Stats.summary(0.9, 0.95, 1.0);
        assertEquals(3, s.n());
        assertEquals(0.95, s.mean(), 1e-12);
        assertEquals(0.05, s.sd(), 1e-12);
        assertEquals(0.9, s.min(), 0);
        assertEquals(1.0, s.max(), 0);
        assertEquals("0.95 ± 0.05 (3 runs, 0.9 to 1)", s.toString());
        assertEquals(0, Stats.summary(0.5).sd(), 0, "one run has no spread");
        assertEquals("0.5 ± 0 (1 run, 0.5 to 0.5)", Stats.summary(0.5).toString());
    }

    @Test
    void pairedDifferenceUsesStudentsT() {
        // differences 0.1, 0.2, 0.3: mean 0.2, sd 0.1, t(0.975, 2) = 4.303
        Stats.Difference d = Stats.paired(new double[] {0.6, 0.7, 0.8}, new double[] {0.5, 0.5, 0.5});
        assertEquals(0.2, d.mean(), 1e-12);
        assertEquals(0.1, d.sd(), 1e-12);
        assertEquals(0.2 - 4.303 * 0.1 / Math.sqrt(3), d.lower(), 1e-12);
        assertEquals(0.2 + 4.303 * 0.1 / Math.sqrt(3), d.upper(), 1e-12);
        assertEquals("+0.2 (95 % interval -0.0484 to +0.448, 3 paired runs)", d.toString());
    }

    @Test
    void pairingRemovesSharedVariation() {
        // both settings swing together from seed to seed; their difference is constant
        double[] a = {0.80, 0.90, 0.70, 0.85};
        double[] b = {0.75, 0.85, 0.65, 0.80};
        Stats.Difference d = Stats.paired(a, b);
        assertEquals(0.05, d.mean(), 1e-12);
        assertEquals(0.05, d.lower(), 1e-9);
    }

    @Test
    void tQuantilesFollowTheTableThenTheApproximation() {
        assertEquals(12.706, Stats.t975(1), 0);
        assertEquals(2.042, Stats.t975(30), 0);
        assertEquals(2.0, Stats.t975(60), 0.002);
        assertEquals("degrees of freedom must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> Stats.t975(0)).getMessage());
    }

    @Test
    void badInputIsExplained() {
        assertEquals("summary: no values given; pass one value per run",
                assertThrows(IllegalArgumentException.class, () -> Stats.summary()).getMessage());
        assertEquals("summary: value 1 is NaN; a run failed or diverged, so its result cannot be summarised",
                assertThrows(IllegalArgumentException.class, () -> Stats.summary(1, Double.NaN)).getMessage());
        assertEquals("paired: 2 runs of the first setting but 3 of the second; run both with the same seeds",
                assertThrows(IllegalArgumentException.class,
                        () -> Stats.paired(new double[] {1, 2}, new double[] {1, 2, 3})).getMessage());
        assertEquals("paired: a difference needs at least 2 runs of each setting to have a spread, got 1; run more seeds",
                assertThrows(IllegalArgumentException.class,
                        () -> Stats.paired(new double[] {1}, new double[] {0})).getMessage());
    }
}
