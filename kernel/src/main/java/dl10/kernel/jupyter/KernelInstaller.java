package dl10.kernel.jupyter;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * The {@code install} sub-command: writes a Jupyter kernelspec ({@code kernel.json}) that starts this jar
 * with {@code java [options] -javaagent:<jar> -cp <jar>[:<class path>] dl10.kernel.Main kernel
 * {connection_file}}. Options come from DL10_JAVA_OPTS at install time, else
 * {@link KernelSpec#DEFAULT_JVM_OPTIONS}. The class path given with {@code --classpath} (the course
 * library and its dependencies) is checked and written with absolute paths; its libraries' notebook
 * extensions then plug in their renderers and imports. Install also makes the kernel's class-data sharing
 * archive ({@link StartupArchive}) with those same options and class path, and adds
 * {@code -XX:SharedArchiveFile} for it to the options.
 * <p>Usage: {@code install [--user | --prefix DIR | --jupyter-path DIR] [--name NAME] [--display-name NAME]
 * [--classpath PATH]} (see {@code install --help}).
 */
@Command(name = "install", mixinStandardHelpOptions = true,
        description = "Write the kernelspec (kernel.json) that starts this kernel jar with the course's class path.")
public final class KernelInstaller implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @CommandLine.ArgGroup(exclusive = true)
    private Location location;

    @Option(names = "--name", paramLabel = "NAME", defaultValue = KernelSpec.KERNEL_NAME,
            description = "Kernel name, the folder of the kernelspec (default: ${DEFAULT-VALUE}).")
    private String name;

    @Option(names = "--display-name", paramLabel = "NAME", defaultValue = KernelSpec.DISPLAY_NAME,
            description = "Name shown in Jupyter's kernel menu (default: ${DEFAULT-VALUE}).")
    private String displayName;

    @Option(names = "--classpath", paramLabel = "PATH",
            description = "Jars, class folders and FOLDER/* (every jar of a folder) to put on the kernel's class path, "
                    + "separated by '${sys:path.separator}', e.g. lib/target/dl10-lib.jar${sys:path.separator}lib/target/lib/*.")
    private String classPath;

    /** Where the kernelspec goes: one of three places. */
    static final class Location {
        @Option(names = "--user", description = "Jupyter's per-user kernels folder (the default).")
        boolean user;

        @Option(names = "--prefix", paramLabel = "DIR", description = "DIR/share/jupyter/kernels, as pip's --prefix.")
        Path prefix;

        @Option(names = "--jupyter-path", paramLabel = "DIR", description = "DIR/kernels, for a folder on JUPYTER_PATH.")
        Path jupyterPath;

        Path kernelsDir() {
            if (prefix != null) {
                return prefix.resolve("share").resolve("jupyter").resolve("kernels");
            }
            if (jupyterPath != null) {
                return jupyterPath.resolve("kernels");
            }
            return userKernelsDir();
        }
    }

    @Override
    public Integer call() {
        java.io.PrintWriter out = spec.commandLine().getOut();
        try {
            List<String> entries = classPath == null ? List.of() : courseClassPath(classPath, Path.of("").toAbsolutePath());
            Path kernelsDir = location == null ? userKernelsDir() : location.kernelsDir();
            Path dir = install(kernelsDir.resolve(name), displayName, jarPath(), entries);
            out.println("Installed kernel '" + name + "' (" + displayName + ") in " + dir);
            out.flush();
            return 0;
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        } catch (IOException e) {
            spec.commandLine().getErr().println("install: " + e.getMessage());
            return 1;
        }
    }

    /** The per-user kernels folder of Jupyter on this OS. */
    static Path userKernelsDir() {
        String home = System.getProperty("user.home");
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        if (os.contains("mac")) {
            return Path.of(home, "Library", "Jupyter", "kernels");
        }
        if (os.contains("win")) {
            return Path.of(System.getenv().getOrDefault("APPDATA", home), "jupyter", "kernels");
        }
        String dataHome = System.getenv("XDG_DATA_HOME");
        return dataHome != null && !dataHome.isBlank() ? Path.of(dataHome, "jupyter", "kernels") : Path.of(home, ".local", "share", "jupyter", "kernels");
    }

    /** The jar this class was loaded from. */
    static Path jarPath() throws IOException {
        try {
            Path location = Path.of(KernelInstaller.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!location.toString().endsWith(".jar")) {
                throw new IOException("install must run from the packaged jar (kernel/target/dl10-kernel.jar), not from " + location);
            }
            return location.toAbsolutePath();
        } catch (URISyntaxException e) {
            throw new IOException("cannot find the kernel jar: " + e.getMessage(), e);
        }
    }

    /**
     * The entries of a class path for the kernelspec, as absolute paths: jars or class folders, and
     * {@code FOLDER/*} for every jar of a folder (expanded by the java launcher when the kernel starts).
     *
     * @throws IllegalArgumentException naming the entry if a file or folder is missing or a folder has no jar
     */
    public static List<String> courseClassPath(String pathList, Path base) {
        List<String> entries = new java.util.ArrayList<>();
        for (String raw : pathList.split(java.io.File.pathSeparator)) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            boolean allJars = entry.equals("*") || entry.endsWith(java.io.File.separator + "*");
            Path path = base.resolve(allJars ? entry.substring(0, entry.length() - 1) : entry).toAbsolutePath().normalize();
            if (allJars) {
                boolean hasJar;
                try (var files = Files.list(path)) {
                    hasJar = files.anyMatch(f -> f.getFileName().toString().endsWith(".jar"));
                } catch (IOException e) {
                    throw new IllegalArgumentException("--classpath: no folder " + path + " (from " + entry + "); build the course first (mvn -B package -DskipTests)");
                }
                if (!hasJar) {
                    throw new IllegalArgumentException("--classpath: no jar in " + path + " (from " + entry + ")");
                }
                entries.add(path + java.io.File.separator + "*");
            } else if (entry.contains("*") || entry.contains("?")) {
                throw new IllegalArgumentException("--classpath: only FOLDER/* may hold a wildcard, as with java -cp: " + entry);
            } else if (!Files.exists(path)) {
                throw new IllegalArgumentException("--classpath: no such file or folder " + path + " (from " + entry + "); build the course first (mvn -B package -DskipTests)");
            } else {
                entries.add(path.toString());
            }
        }
        return entries;
    }

    /** Writes kernel.json (and the logo) into the folder and returns it. */
    public static Path install(Path dir, String displayName, Path jar, List<String> classPath) throws IOException {
        Files.createDirectories(dir);
        List<String> jvmOptions = new java.util.ArrayList<>(KernelSpec.jvmOptionsFromEnvironment());
        // the archive is made with the very options and class path the kernel starts with: a JVM maps an
        // archive's classes only when its class path begins with the one the archive was made with
        StartupArchive.create(javaExecutable(), jvmOptions, classPathArguments(jar, classPath), jar, dir.resolve(StartupArchive.FILE_NAME))
                .ifPresent(jvmOptions::add);
        Files.writeString(dir.resolve("kernel.json"), kernelJson(displayName, jar, jvmOptions, classPath), StandardCharsets.UTF_8);
        for (String logo : List.of("logo-32x32.png", "logo-64x64.png")) {
            try (InputStream in = KernelInstaller.class.getResourceAsStream("/kernel/" + logo)) {
                if (in != null) {
                    Files.copy(in, dir.resolve(logo), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return dir;
    }

    /** The java launcher of the JDK running the installer, which the kernelspec starts. */
    static Path javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /**
     * The arguments between the JVM options and the main class: the kernel jar as the Java agent, then
     * {@link #classPathArguments}.
     */
    static List<String> launchArguments(Path jar, List<String> classPath) {
        List<String> arguments = new java.util.ArrayList<>();
        arguments.add("-javaagent:" + jar.toAbsolutePath());
        arguments.addAll(classPathArguments(jar, classPath));
        return arguments;
    }

    /** {@code -cp} with the kernel jar first and the class path entries after it. */
    static List<String> classPathArguments(Path jar, List<String> classPath) {
        List<String> entries = new java.util.ArrayList<>();
        entries.add(jar.toAbsolutePath().toString());
        entries.addAll(classPath);
        return List.of("-cp", String.join(java.io.File.pathSeparator, entries));
    }

    /**
     * The kernel.json text. The kernel jar comes first on the class path and is also the Java agent
     * (class redefinition, see {@link dl10.kernel.engine.ClassRedefinition}), as {@code java -jar} would
     * make it; the class path entries follow it.
     */
    public static String kernelJson(String displayName, Path jar, List<String> jvmOptions, List<String> classPath) {
        JsonObject spec = new JsonObject();
        JsonArray argv = new JsonArray();
        argv.add(javaExecutable().toString());
        jvmOptions.forEach(argv::add);
        launchArguments(jar, classPath).forEach(argv::add);
        argv.add("dl10.kernel.Main");
        argv.add("kernel");
        argv.add("{connection_file}");
        spec.add("argv", argv);
        spec.addProperty("display_name", displayName);
        spec.addProperty("language", "java");
        spec.addProperty("interrupt_mode", "message");
        JsonObject env = new JsonObject();
        KernelSpec.ENVIRONMENT.forEach(env::addProperty);
        spec.add("env", env);
        JsonObject metadata = new JsonObject();
        metadata.addProperty("debugger", false);
        spec.add("metadata", metadata);
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(spec) + "\n";
    }
}
