package dl10.lib;

/** Which part of a dataset that ships with a fixed split: the training images or the test images. */
public enum Part {
    /** The training part (file prefix {@code train}). */
    TRAIN("train"),
    /** The held-out test part (file prefix {@code t10k}). */
    TEST("t10k");

    private final String filePrefix;

    Part(String filePrefix) {
        this.filePrefix = filePrefix;
    }

    /** File name prefix of this part in the IDX datasets. */
    public String filePrefix() {
        return filePrefix;
    }
}
