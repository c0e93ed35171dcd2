package dl10.kernel.engine;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import java.nio.charset.StandardCharsets;

/**
 * Keeps a cell from ending the kernel: the classes JShell compiles from cells, and (through the kernel
 * jar's agent) the classes of every jar a notebook adds (%maven, %jars, %classpath, DL10_CLASSPATH), are
 * rewritten with ASM so that a call of {@code System.exit}, {@code Runtime.exit} or {@code Runtime.halt},
 * including one through a method reference, throws a {@link SecurityException} that fails the cell
 * instead, with a message that says why. The JVM's own class path (the kernel jar and the course class
 * path the kernelspec gives) is left as it is. The kernel process, its session and every variable live on. This is what a
 * {@code SecurityManager}'s {@code checkExit} did before Java deprecated it (JEP 411) and removed it
 * (JEP 486), which recommends exactly this: rewriting the calls.
 */
public final class ExitGuard {
    private static final String OWNER = ExitGuard.class.getName().replace('.', '/');
    private static final byte[] EXIT = "exit".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HALT = "halt".getBytes(StandardCharsets.US_ASCII);

    private ExitGuard() {
    }

    /** Replaces {@code System.exit(status)} in cell code: fails the cell. */
    public static void exit(int status) {
        throw refused("System.exit(" + status + ")");
    }

    /** Replaces {@code runtime.exit(status)} in cell code: fails the cell. */
    public static void runtimeExit(Runtime runtime, int status) {
        throw refused("Runtime.exit(" + status + ")");
    }

    /** Replaces {@code runtime.halt(status)} in cell code: fails the cell. */
    public static void runtimeHalt(Runtime runtime, int status) {
        throw refused("Runtime.halt(" + status + ")");
    }

    private static SecurityException refused(String call) {
        return new SecurityException(call + " would end the kernel and lose every variable of this notebook, so the"
                + " kernel stopped this cell instead; the session and its variables are still here. To end a"
                + " computation early, return or throw an exception; to start afresh, restart the kernel.");
    }

    /**
     * The class with every exit and halt call redirected here, or the same bytes if it has none (the
     * common case, found without parsing the class).
     */
    public static byte[] rewrite(byte[] classFile) {
        if (!contains(classFile, EXIT) && !contains(classFile, HALT)) {
            return classFile;
        }
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(reader, 0);
        boolean[] changed = {false};
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9, super.visitMethod(access, name, descriptor, signature, exceptions)) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String method, String desc, boolean isInterface) {
                        String replacement = replacement(owner, method, desc);
                        if (replacement != null) {
                            changed[0] = true;
                            super.visitMethodInsn(Opcodes.INVOKESTATIC, OWNER, replacement, staticDescriptor(owner), false);
                        } else {
                            super.visitMethodInsn(opcode, owner, method, desc, isInterface);
                        }
                    }

                    @Override
                    public void visitInvokeDynamicInsn(String name, String desc, Handle bootstrap, Object... arguments) {
                        Object[] rewritten = arguments.clone();
                        for (int i = 0; i < rewritten.length; i++) {
                            if (rewritten[i] instanceof Handle handle) {
                                String replacement = replacement(handle.getOwner(), handle.getName(), handle.getDesc());
                                if (replacement != null) {
                                    changed[0] = true;
                                    rewritten[i] = new Handle(Opcodes.H_INVOKESTATIC, OWNER, replacement,
                                            staticDescriptor(handle.getOwner()), false);
                                }
                            }
                        }
                        super.visitInvokeDynamicInsn(name, desc, bootstrap, rewritten);
                    }
                };
            }
        }, 0);
        return changed[0] ? writer.toByteArray() : classFile;
    }

    /** The name of the guard method that replaces the call, or null if it is no exit or halt. */
    private static String replacement(String owner, String method, String desc) {
        if (!"(I)V".equals(desc)) {
            return null;
        }
        if ("java/lang/System".equals(owner) && "exit".equals(method)) {
            return "exit";
        }
        if ("java/lang/Runtime".equals(owner) && "exit".equals(method)) {
            return "runtimeExit";
        }
        if ("java/lang/Runtime".equals(owner) && "halt".equals(method)) {
            return "runtimeHalt";
        }
        return null;
    }

    private static String staticDescriptor(String owner) {
        return "java/lang/Runtime".equals(owner) ? "(Ljava/lang/Runtime;I)V" : "(I)V";
    }

    /**
     * The agent's transformer: rewrites classes defined by class loaders other than the JDK's and the
     * kernel's own (JShell's loader for added jars, a library's own loaders). Never fails a class load.
     */
    static final class Transformer implements java.lang.instrument.ClassFileTransformer {
        @Override
        public byte[] transform(ClassLoader loader, String className, Class<?> redefined,
                                java.security.ProtectionDomain domain, byte[] classFile) {
            if (loader == null || loader == ClassLoader.getSystemClassLoader() || loader == ClassLoader.getPlatformClassLoader()
                    || (className != null && className.startsWith("REPL/"))) {
                return null; // the JDK, the JVM's class path (kernel and course), and cell classes (rewritten when JShell loads them)
            }
            try {
                byte[] rewritten = rewrite(classFile);
                return rewritten == classFile ? null : rewritten;
            } catch (RuntimeException | LinkageError e) {
                return null;
            }
        }
    }

    static boolean contains(byte[] data, byte[] word) {
        outer:
        for (int i = 0; i <= data.length - word.length; i++) {
            for (int j = 0; j < word.length; j++) {
                if (data[i + j] != word[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
