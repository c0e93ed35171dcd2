package dl10.kernel.jupyter;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What identifies the course kernel to Jupyter and how its JVM starts: the kernelspec name and display
 * name written by {@code install} and stamped on executed notebooks, and the JVM options of every
 * notebook JVM (the kernel's and the headless runner's).
 */
public final class KernelSpec {
    /** Kernel name in kernel.json and notebook metadata. */
    public static final String KERNEL_NAME = "dl10-java";
    /** Display name of the kernel. */
    public static final String DISPLAY_NAME = "Java (deep-learning course)";
    /** The environment variable whose value replaces {@link #DEFAULT_JVM_OPTIONS}. */
    public static final String JAVA_OPTS_VARIABLE = "DL10_JAVA_OPTS";
    /**
     * JVM options of notebook JVMs unless DL10_JAVA_OPTS is set: a 2 GB Java heap (PyTorch tensors live
     * outside it), the serial collector (two small cores), only the quick C1 compiler (a lesson's heavy
     * work runs in libtorch; C2 spent a third of the eighteen lessons' CPU compiling code that runs for
     * seconds: 533 against 364 s of user CPU for the course two lessons at a time, 280 against 196 s of
     * wall time, the same results, peaks up to 151 MB lower; the kernel starts in 1.09 s instead of
     * 2.12 s and answers a trivial cell in 24 ms instead of 63 ms), headless AWT, DJL's logging at warn,
     * and one PyTorch thread per operation. The lessons' models are small: a second thread mostly waits for the
     * first, costs up to eight times the CPU on a shared machine, and changes the last digits of
     * results, so one thread keeps every lesson fast and its numbers the same on any machine.
     */
    public static final List<String> DEFAULT_JVM_OPTIONS = List.of(
            "-Xmx2g", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true",
            "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
            "-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1");

    /**
     * Environment of notebook JVMs: the kernelspec's {@code env}, and the runner's worker's where the
     * variable is not already set. PyTorch's CPU natives (DJL downloads no others; lib/GPU.md).
     */
    public static final Map<String, String> ENVIRONMENT = environment();

    private KernelSpec() {
    }

    private static Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PYTORCH_FLAVOR", "cpu");
        return Collections.unmodifiableMap(env);
    }

    /**
     * The kernel's language_info (Jupyter messaging spec 5.3, kernel_info_reply; nbformat 4 notebook
     * metadata): Java of the running JVM, JShell snippets as files ({@code .jshell}), Java highlighting.
     * A new object on each call.
     */
    public static JsonObject languageInfo() {
        JsonObject info = new JsonObject();
        info.addProperty("name", "java");
        info.addProperty("version", System.getProperty("java.version"));
        info.addProperty("mimetype", "text/x-java-source");
        info.addProperty("file_extension", ".jshell");
        info.addProperty("codemirror_mode", "java");
        info.addProperty("pygments_lexer", "java");
        return info;
    }

    /** The JVM options named by DL10_JAVA_OPTS (split at spaces), or {@link #DEFAULT_JVM_OPTIONS}. */
    public static List<String> jvmOptionsFromEnvironment() {
        String configured = System.getenv(JAVA_OPTS_VARIABLE);
        if (configured == null || configured.isBlank()) {
            return DEFAULT_JVM_OPTIONS;
        }
        return new ArrayList<>(Arrays.asList(configured.trim().split("\\s+")));
    }
}
