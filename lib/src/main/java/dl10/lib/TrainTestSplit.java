package dl10.lib;

/**
 * The positions of the training rows and of the test rows of a dataset, as made by
 * {@link Splits#stratified(int[], double, long)}. Each array is a copy; together they cover every
 * row exactly once.
 */
public final class TrainTestSplit {
    private final int[] train;
    private final int[] test;

    /** A split from the two index arrays (copied). */
    public TrainTestSplit(int[] train, int[] test) {
        this.train = train.clone();
        this.test = test.clone();
    }

    /** Row positions of the training part. */
    public int[] train() {
        return train.clone();
    }

    /** Row positions of the test part. */
    public int[] test() {
        return test.clone();
    }

    @Override
    public String toString() {
        return "TrainTestSplit[" + train.length + " train, " + test.length + " test]";
    }
}
