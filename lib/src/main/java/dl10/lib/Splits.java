package dl10.lib;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Reproducible train/test splits. {@link #stratified} keeps every class in both parts in the
 * proportion it has in the whole: each class's rows are shuffled with the seed and
 * round(count x testFraction) of them (at least one, at most count-1) go to the test part.
 */
public final class Splits {
    private Splits() {
    }

    /**
     * Stratified split of the rows with the given labels. The returned index arrays are in a
     * shuffled order fixed by {@code seed}, ready to be used as they are for training.
     */
    public static TrainTestSplit stratified(int[] labels, double testFraction, long seed) {
        if (labels == null || labels.length == 0) {
            throw new IllegalArgumentException("Splits.stratified: no labels given; there is nothing to split");
        }
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("Splits.stratified: testFraction must be strictly between 0 and 1, got " + testFraction);
        }
        Map<Integer, List<Integer>> byClass = new TreeMap<>();
        for (int i = 0; i < labels.length; i++) {
            byClass.computeIfAbsent(labels[i], k -> new ArrayList<>()).add(i);
        }
        Random random = new Random(seed);
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (Map.Entry<Integer, List<Integer>> e : byClass.entrySet()) {
            List<Integer> rows = e.getValue();
            if (rows.size() < 2) {
                throw new IllegalArgumentException("Splits.stratified: class " + e.getKey() + " has only " + rows.size()
                        + " sample (row " + rows.get(0) + "); every class needs at least 2 to appear in both parts."
                        + " Drop or merge that class first.");
            }
            java.util.Collections.shuffle(rows, random);
            int nTest = (int) Math.round(rows.size() * testFraction);
            nTest = Math.max(1, Math.min(rows.size() - 1, nTest));
            test.addAll(rows.subList(0, nTest));
            train.addAll(rows.subList(nTest, rows.size()));
        }
        java.util.Collections.shuffle(train, random);
        java.util.Collections.shuffle(test, random);
        return new TrainTestSplit(train.stream().mapToInt(Integer::intValue).toArray(),
                test.stream().mapToInt(Integer::intValue).toArray());
    }
}
