package dl10.tests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
     * The course's Python environment, made by environment/install-python-env.sh from
     * environment/requirements.txt: DL10_VENV if set, else .venv/ at the repository root.
     */
    public static Path venv() {
        String configured = System.getenv("DL10_VENV");
        return configured != null && !configured.isBlank() ? Path.of(configured) : root().resolve(".venv");
    }

    /** The course's Python environment ({@link #venv()}); fails with the command that creates it. */
    public static Path pythonEnvironment() {
        Path venv = venv();
        if (!Files.isExecutable(venv.resolve("bin/python"))) {
            throw new IllegalStateException("no Python environment at " + venv + "; make it with"
                    + " environment/install-python-env.sh (environment/start.sh --no-launch and .ci/run call it)");
        }
        return venv;
    }

    /** The Python interpreter of {@link #pythonEnvironment()}. */
    public static Path python() {
        return pythonEnvironment().resolve("bin/python");
    }

    /** A program of the course's Python environment (e.g. "jupyter"); fails with the set-up command if it is missing. */
    public static Path venvBin(String program) {
        Path path = venv().resolve("bin").resolve(program);
        if (!Files.isExecutable(path)) {
            throw new IllegalStateException(path + " is missing: make the course's Python environment with"
                    + " environment/install-python-env.sh (environment/start.sh --no-launch and .ci/run call it)");
        }
        return path;
    }

    /** A setting of environment/course.properties (e.g. binder.java.opts); fails naming the file if it is absent. */
    public static String courseProperty(String key) {
        Path file = root().resolve("environment/course.properties");
        java.util.Properties properties = new java.util.Properties();
        try (java.io.Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        String value = properties.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(file + " has no setting '" + key + "'");
        }
        return value.trim();
    }

    /** The java launcher of the JVM running the tests, so child processes use the same JDK. */
    public static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * Installs the course kernelspec into {@code jupyterPath} with the kernel's own install command and the
     * course's class path, as environment/start.sh does (the installer also makes the kernel's start-up
     * archive, which takes up to a few minutes on a busy machine).
     *
     * @param javaOpts the kernel JVM's options (DL10_JAVA_OPTS), or null for the kernel's defaults
     * @return the kernelspec's folder, {@code jupyterPath/kernels/dl10-java}
     * @throws IllegalStateException with the installer's output when it fails or takes more than 400 s
     */
    public static Path installKernelspec(Path jupyterPath, String javaOpts) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(javaExecutable(), "-jar", kernelJar().toString(),
                "install", "--jupyter-path", jupyterPath.toString(), "--classpath", courseClassPath())
                .redirectErrorStream(true);
        if (javaOpts != null) {
            builder.environment().put("DL10_JAVA_OPTS", javaOpts);
        }
        Process install = builder.start();
        String output = new String(install.getInputStream().readAllBytes());
        if (!install.waitFor(400, TimeUnit.SECONDS)) {
            install.destroyForcibly();
            throw new IllegalStateException("the kernelspec install into " + jupyterPath + " took more than 400 s:\n" + output);
        }
        if (install.exitValue() != 0) {
            throw new IllegalStateException("the kernelspec install into " + jupyterPath + " failed (exit code "
                    + install.exitValue() + "):\n" + output);
        }
        return jupyterPath.resolve("kernels/dl10-java");
    }
}
