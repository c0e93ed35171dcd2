package dl10.tests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Finds the parts of the course checkout that the tests exercise: the repository root (the folder
 * whose pom.xml lists the kernel module), the built kernel jar, and the lesson notebooks.
 */
public final class CourseCheckout {
    private CourseCheckout() {
    }

    /** The repository root, found by walking up from the working directory. */
    public static Path root() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path pom = dir.resolve("pom.xml");
            if (Files.isRegularFile(pom) && Files.isDirectory(dir.resolve("kernel"))
                    && Files.isDirectory(dir.resolve("notebooks"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no course checkout found above " + start
                + ": expected a folder with pom.xml, kernel/ and notebooks/");
    }

    /** The kernel jar built by the kernel module; fails with the build command if it is missing. */
    public static Path kernelJar() {
        Path jar = root().resolve("kernel/target/dl10-kernel.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("kernel jar not built: " + jar
                    + " is missing; run `mvn -B package -DskipTests` from " + root());
        }
        return jar;
    }

    /**
     * The course's class path as the kernelspec gets it: the library jar and the folder of its
     * dependencies ({@code lib/target/lib/*}), built by the lib module.
     */
    public static String courseClassPath() {
        Path jar = root().resolve("lib/target/dl10-lib.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("course library not built: " + jar
                    + " is missing; run `mvn -B package -DskipTests` from " + root());
        }
        return jar + java.io.File.pathSeparator + root().resolve("lib/target/lib") + java.io.File.separator + "*";
    }

    /** Every lesson notebook in notebooks/, sorted by name. */
    public static List<Path> notebooks() {
        try (Stream<Path> files = Files.list(root().resolve("notebooks"))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".ipynb"))
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The project's Python environment (environment/requirements.txt installed into {@code .venv} at the
     * repository root, or the folder named by DL10_VENV); fails with the commands that create it.
     */
    public static Path pythonEnvironment() {
        String configured = System.getenv("DL10_VENV");
        Path venv = configured == null || configured.isBlank() ? root().resolve(".venv") : Path.of(configured);
        if (!Files.isExecutable(venv.resolve("bin/python"))) {
            throw new IllegalStateException("no Python environment at " + venv + "; create it with: python3 -m venv " + venv
                    + " && " + venv.resolve("bin/pip") + " install -r " + root().resolve("environment/requirements.txt"));
        }
        return venv;
    }

    /** The Python interpreter of {@link #pythonEnvironment()}. */
    public static Path python() {
        return pythonEnvironment().resolve("bin/python");
    }

    /** The java launcher of the JVM running the tests, so child processes use the same JDK. */
    public static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
