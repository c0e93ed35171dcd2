package dl10.lib;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the course's {@code data/} folder and the files in it. The folder is taken from the
 * system property {@code dl10.data}, else the environment variable {@code DL10_DATA}, else by
 * walking up from the working directory to the first folder named {@code data} that holds a
 * {@code README.md} (checking both {@code dir/data} and {@code dir} itself at every level), so a
 * notebook running in {@code notebooks/} and a test running at the repository root both find it.
 */
public final class DataDir {
    /** System property that names the data folder; wins over the environment variable. */
    public static final String PROPERTY = "dl10.data";
    /** Environment variable that names the data folder. */
    public static final String ENV = "DL10_DATA";

    private DataDir() {
    }

    /** The data folder; throws {@link IllegalStateException} saying where it looked and what to do. */
    public static Path root() {
        return locate().rootOrThrow();
    }

    /**
     * An existing file inside the data folder, e.g. {@code file("mnist/t10k-labels-idx1-ubyte.gz")}.
     * Throws {@link IllegalStateException} naming the full path looked for, where the folder was
     * searched, and how to fix it.
     */
    public static Path file(String relative) {
        if (relative == null || relative.isBlank()) {
            throw new IllegalArgumentException("DataDir.file: give a path relative to data/, e.g. \"iris.csv\"");
        }
        Location location = locate();
        Path root = location.rootOrThrow();
        Path file = root.resolve(relative).normalize();
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("Data file not found: " + file.toAbsolutePath()
                    + "\n  data folder " + root.toAbsolutePath() + " was " + location.how
                    + "\n  Restore it from git (git checkout -- data/" + relative + ") or run data/make-subsets.sh;"
                    + " or point " + ENV + " (environment) or -D" + PROPERTY + " at a complete data folder.");
        }
        return file;
    }

    static Location locate() {
        return locate(System.getProperty(PROPERTY), System.getenv(ENV), Path.of(System.getProperty("user.dir")));
    }

    /** Search order: property, then environment, then walking up from {@code start}. */
    static Location locate(String property, String env, Path start) {
        if (property != null && !property.isBlank()) {
            return explicit(Path.of(property), "set by the system property " + PROPERTY + "=" + property);
        }
        if (env != null && !env.isBlank()) {
            return explicit(Path.of(env), "set by the environment variable " + ENV + "=" + env);
        }
        List<Path> walked = new ArrayList<>();
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            walked.add(dir);
            Path child = dir.resolve("data");
            if (isDataDir(child)) {
                return new Location(child, "found by walking up from " + start.toAbsolutePath(), null);
            }
            if (isDataDir(dir)) {
                return new Location(dir, "found by walking up from " + start.toAbsolutePath(), null);
            }
        }
        return new Location(null, null, "No course data folder found: walked up from " + start.toAbsolutePath()
                + " looking for a folder named 'data' containing README.md in each of " + walked
                + ". Run from inside the course checkout (e.g. its notebooks/ folder), restore data/ with git,"
                + " or set " + ENV + " (environment) or -D" + PROPERTY + " to the data folder.");
    }

    private static Location explicit(Path dir, String how) {
        if (!Files.isDirectory(dir)) {
            return new Location(null, null, "Data folder " + dir.toAbsolutePath() + " does not exist (" + how
                    + "). Point it at the course's data/ folder, or unset it to search upward from the working directory.");
        }
        return new Location(dir, how, null);
    }

    private static boolean isDataDir(Path dir) {
        return dir.getFileName() != null && dir.getFileName().toString().equals("data")
                && Files.isRegularFile(dir.resolve("README.md"));
    }

    /** Outcome of a search: the folder and how it was found, or the error to report. */
    static final class Location {
        final Path root;
        final String how;
        final String error;

        Location(Path root, String how, String error) {
            this.root = root;
            this.how = how;
            this.error = error;
        }

        Path rootOrThrow() {
            if (root == null) {
                throw new IllegalStateException(error);
            }
            return root;
        }
    }
}
