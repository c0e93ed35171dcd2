package dl10.kernel.engine;

import java.lang.instrument.Instrumentation;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The JVM's class-redefinition service, handed to the kernel by the Java agent that the kernel jar
 * declares ({@code Launcher-Agent-Class} for {@code java -jar}, {@code -javaagent} for notebook JVMs
 * of the headless runner). JShell recompiles earlier snippets when a later cell changes what their
 * names mean (a new wildcard import, a method replaced); redefining their classes in place keeps the
 * values of earlier variables, where reloading them would reset them to null. The agent also keeps
 * code from jars a notebook adds from ending the kernel ({@link ExitGuard}).
 */
public final class ClassRedefinition {
    private static volatile Instrumentation instrumentation;

    private ClassRedefinition() {
    }

    /** Entry point when the kernel jar is started with {@code java -jar}. */
    public static void agentmain(String args, Instrumentation inst) {
        instrumentation = inst;
        inst.addTransformer(new ExitGuard.Transformer(), false);
    }

    /** Entry point when a JVM is started with {@code -javaagent:dl10-kernel.jar}. */
    public static void premain(String args, Instrumentation inst) {
        instrumentation = inst;
        inst.addTransformer(new ExitGuard.Transformer(), false);
    }

    /** The instrumentation if this JVM was started with the kernel's agent and can redefine classes. */
    public static Optional<Instrumentation> available() {
        Instrumentation inst = instrumentation;
        return inst != null && inst.isRedefineClassesSupported() ? Optional.of(inst) : Optional.empty();
    }

    /** The {@code -javaagent} option that gives a child JVM the same service, if the kernel runs from its jar. */
    public static Optional<String> agentOption() {
        try {
            Path source = Path.of(ClassRedefinition.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return source.toString().endsWith(".jar") ? Optional.of("-javaagent:" + source) : Optional.empty();
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
