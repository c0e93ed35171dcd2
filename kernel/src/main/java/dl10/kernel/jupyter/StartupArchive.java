package dl10.kernel.jupyter;

import com.google.gson.JsonObject;
import dl10.kernel.engine.CellFailure;
import dl10.kernel.runtime.OutputSink;
import dl10.kernel.session.NotebookSession;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * An application class-data sharing archive for the kernel (JDK's AppCDS, JEP 310/350): the installer
 * runs this class once in a JVM started with {@code -XX:ArchiveClassesAtExit}, which starts a session and
 * runs the kinds of cells a lesson starts with, so the classes the kernel, JShell and javac load on the
 * way to the first result are written to the archive. The kernelspec then starts the kernel with
 * {@code -XX:SharedArchiveFile}, and those classes are mapped from the archive instead of being read,
 * verified and linked again. If the archive does not match (another JDK, a rebuilt jar), the JVM
 * ignores it and starts as usual.
 */
public final class StartupArchive {
    private static final Logger LOG = Logger.getLogger(StartupArchive.class.getName());

    /** The archive's file name in the kernelspec folder. */
    public static final String FILE_NAME = "dl10-kernel.jsa";

    private StartupArchive() {
    }

    /**
     * Creates the archive for a kernel started as {@code java OPTIONS -javaagent:JAR CLASS_PATH
     * dl10.kernel.Main kernel ...}, where CLASS_PATH ({@code -cp JAR:COURSE_CLASS_PATH}) is what the
     * kernelspec writes: the archive is made under the same options and class path, since a JVM maps an
     * archive's classes only if its class path begins with the one the archive was made with. The agent
     * is left out: a JVM refuses to write an archive while a Java agent runs (unless a diagnostic option
     * allows it), and a kernel started with the agent maps the archive's classes all the same, the course
     * library's included. Returns the JVM option that uses the archive, or empty (with the reason logged)
     * if this JVM cannot make one or jar is no file. Set {@code DL10_STARTUP_ARCHIVE=off} to skip it.
     */
    public static Optional<String> create(Path java, List<String> jvmOptions, List<String> classPathArguments, Path jar, Path archive) {
        if ("off".equalsIgnoreCase(System.getenv().getOrDefault("DL10_STARTUP_ARCHIVE", "")) || !Files.isRegularFile(jar)) {
            return Optional.empty();
        }
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(jvmOptions);
        command.add("-XX:ArchiveClassesAtExit=" + archive);
        command.add("-Xlog:cds=off");
        command.add("-Xlog:cds+dynamic=off");
        command.addAll(classPathArguments);
        command.add(StartupArchive.class.getName());
        try {
            Files.deleteIfExists(archive);
            Path log = Files.createTempFile("dl10-startup-archive", ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            boolean done = process.waitFor(300, TimeUnit.SECONDS);
            if (!done) {
                process.destroyForcibly();
            }
            String output = Files.readString(log);
            Files.deleteIfExists(log);
            if (!done || process.exitValue() != 0 || !Files.isRegularFile(archive)) {
                LOG.warning("No start-up archive (the kernel starts without it): " + (done ? "exit " + process.exitValue() : "timed out")
                        + "\n" + output);
                return Optional.empty();
            }
            return Optional.of("-XX:SharedArchiveFile=" + archive);
        } catch (IOException e) {
            LOG.warning("No start-up archive (the kernel starts without it): " + e.getMessage());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** The training run: the work of a kernel up to its first results, then exit (which writes the archive). */
    public static void main(String[] args) throws Exception {
        KernelLauncher.quietLibraryLogging();
        Path dir = Files.createTempDirectory("dl10-startup-archive");
        OutputSink sink = new OutputSink() {
            @Override
            public void stream(String name, String text) {
            }

            @Override
            public void display(DisplayData data, String displayId) {
            }

            @Override
            public void updateDisplay(String displayId, DisplayData data) {
            }
        };
        try (NotebookSession session = new NotebookSession(dir)) {
            int count = 1;
            for (String cell : List.of("1 + 1", "int x = 2;\nx * 21", "String s = \"course\";\ns.toUpperCase()",
                    "System.out.println(x); System.err.println(s);", "List<Integer> xs = new ArrayList<>(List.of(3, 1, 2));\nCollections.sort(xs);\nxs",
                    "double[] w = new double[10];\nfor (int i = 0; i < w.length; i++) w[i] = Math.sqrt(i);\nArrays.stream(w).sum()",
                    "display(new java.awt.image.BufferedImage(16, 16, java.awt.image.BufferedImage.TYPE_INT_RGB));",
                    "record Point(double x, double y) { double norm() { return Math.hypot(x, y); } }\nnew Point(3, 4).norm()",
                    "%time int t = 1;")) {
                session.execute(cell, count++, sink);
            }
            try {
                session.execute("int broken = \"text\";", count, sink);
            } catch (CellFailure expected) {
                // compile errors are part of a first session too
            }
            session.isComplete("for (int i = 0; i < 3; i++) {");
            session.engine().complete("\"course\".toUpp", "\"course\".toUpp".length(), new int[1]);
            session.engine().inspect("Math.max", "Math.max".length());
            session.evaluate("x + 1");
        }
        JsonObject content = new JsonObject();
        content.addProperty("status", "ok");
        WireMessage message = new WireMessage(List.of(), content, new JsonObject(), new JsonObject(), content, List.of());
        message.type();
        System.exit(0);
    }
}
