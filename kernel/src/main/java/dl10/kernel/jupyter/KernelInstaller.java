package dl10.kernel.jupyter;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dl10.kernel.runner.NotebookFiles;
import dl10.kernel.runner.RunnerOptions;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;

/**
 * The {@code install} sub-command: writes a Jupyter kernelspec ({@code kernel.json}) that starts this jar
 * with {@code java [options] -jar <absolute jar> kernel {connection_file}}. Options come from DL10_JAVA_OPTS
 * at install time, else {@link RunnerOptions#DEFAULT_JVM_OPTIONS}.
 * <p>Usage: {@code install [--user | --prefix DIR | --jupyter-path DIR] [--name NAME] [--display-name NAME]}.
 */
public final class KernelInstaller {
    private KernelInstaller() {
    }

    /** Runs the command and returns the exit code. */
    public static int run(List<String> args, java.io.PrintStream out) {
        Path kernelsDir = null;
        String name = NotebookFiles.KERNEL_NAME;
        String displayName = NotebookFiles.DISPLAY_NAME;
        try {
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                switch (arg) {
                    case "--user" -> kernelsDir = userKernelsDir();
                    case "--prefix" -> kernelsDir = Path.of(value(args, ++i, arg), "share", "jupyter", "kernels");
                    case "--jupyter-path" -> kernelsDir = Path.of(value(args, ++i, arg), "kernels");
                    case "--name" -> name = value(args, ++i, arg);
                    case "--display-name" -> displayName = value(args, ++i, arg);
                    default -> throw new IllegalArgumentException("unknown option " + arg);
                }
            }
            if (kernelsDir == null) {
                kernelsDir = userKernelsDir();
            }
            Path dir = install(kernelsDir.resolve(name), displayName, jarPath());
            out.println("Installed kernel '" + name + "' (" + displayName + ") in " + dir);
            return 0;
        } catch (IllegalArgumentException e) {
            out.println("install: " + e.getMessage());
            out.println("usage: install [--user | --prefix DIR | --jupyter-path DIR] [--name NAME] [--display-name NAME]");
            return 2;
        } catch (IOException e) {
            out.println("install: " + e.getMessage());
            return 1;
        }
    }

    private static String value(List<String> args, int index, String option) {
        if (index >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(index);
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

    /** Writes kernel.json (and the logo) into the folder and returns it. */
    public static Path install(Path dir, String displayName, Path jar) throws IOException {
        Files.createDirectories(dir);
        List<String> jvmOptions = new java.util.ArrayList<>(RunnerOptions.jvmOptionsFromEnvironment());
        StartupArchive.create(Path.of(System.getProperty("java.home"), "bin", "java"), jvmOptions, jar, dir.resolve("dl10-kernel.jsa"))
                .ifPresent(jvmOptions::add);
        Files.writeString(dir.resolve("kernel.json"), kernelJson(displayName, jar, jvmOptions), StandardCharsets.UTF_8);
        for (String logo : List.of("logo-32x32.png", "logo-64x64.png")) {
            try (InputStream in = KernelInstaller.class.getResourceAsStream("/kernel/" + logo)) {
                if (in != null) {
                    Files.copy(in, dir.resolve(logo), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return dir;
    }

    /** The kernel.json text. */
    public static String kernelJson(String displayName, Path jar, List<String> jvmOptions) {
        JsonObject spec = new JsonObject();
        JsonArray argv = new JsonArray();
        argv.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        jvmOptions.forEach(argv::add);
        argv.add("-jar");
        argv.add(jar.toAbsolutePath().toString());
        argv.add("kernel");
        argv.add("{connection_file}");
        spec.add("argv", argv);
        spec.addProperty("display_name", displayName);
        spec.addProperty("language", "java");
        spec.addProperty("interrupt_mode", "message");
        JsonObject env = new JsonObject();
        env.addProperty("PYTORCH_FLAVOR", "cpu");
        spec.add("env", env);
        JsonObject metadata = new JsonObject();
        metadata.addProperty("debugger", false);
        spec.add("metadata", metadata);
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(spec) + "\n";
    }
}
