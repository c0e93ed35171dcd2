package dl10.kernel.engine;

import jdk.jshell.execution.DirectExecutionControl;

import java.lang.instrument.ClassDefinition;
import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.util.Optional;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs JShell snippets in the kernel's own JVM (so results are real objects that render richly) on one
 * dedicated cell thread, which an interrupt can stop: first {@link Thread#interrupt()}, which the course
 * library's training loops check, then, if the code keeps running past a grace period,
 * {@code Thread.stop()} on JVMs that still support it (Java 17 to 19).
 */
public final class CellExecutionControl extends DirectExecutionControl {
    private static final Logger LOG = Logger.getLogger(CellExecutionControl.class.getName());
    /** Prefix of the keys under which results are kept for the engine. */
    static final String RESULT_KEY_PREFIX = "$dl10.result.";

    private final ExecutorService cellThread = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "dl10-cell");
        thread.setDaemon(true);
        return thread;
    });
    private final ScheduledExecutorService stopper = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "dl10-cell-stopper");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Object> results = new ConcurrentHashMap<>();
    private final AtomicLong resultCounter = new AtomicLong();
    private final long stopGraceMillis;
    private volatile Thread runningThread;
    private volatile long runningInvocation;
    private volatile long runningSince;
    private volatile boolean interrupted;
    private volatile long interruptedAt = Long.MIN_VALUE;
    private volatile long cellRequestedAt = Long.MIN_VALUE;

    /** A control that falls back to {@code Thread.stop()} when a cell ignores an interrupt for stopGraceMillis. */
    public CellExecutionControl(long stopGraceMillis) {
        this.stopGraceMillis = stopGraceMillis;
    }

    @Override
    protected String invoke(Method doitMethod) throws Exception {
        long invocation = resultCounter.incrementAndGet();
        if (interrupted) {
            throw new InvocationTargetException(new InterruptedException("interrupted before the snippet started"));
        }
        Future<Object> future = cellThread.submit(() -> {
            runningThread = Thread.currentThread();
            runningInvocation = invocation;
            runningSince = System.nanoTime();
            try {
                if (interrupted) {
                    // an interrupt that arrived while the snippet was being compiled or handed over
                    throw new InvocationTargetException(new InterruptedException("interrupted before the snippet started"));
                }
                return doitMethod.invoke(null);
            } finally {
                runningThread = null;
                runningInvocation = 0;
                runningSince = 0;
                Thread.interrupted();
            }
        });
        try {
            Object value = future.get();
            String key = RESULT_KEY_PREFIX + invocation;
            if (value != null) {
                results.put(key, value);
            }
            return key;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof InvocationTargetException ite) {
                throw ite;
            }
            if (cause instanceof Exception ex) {
                throw ex;
            }
            throw new InvocationTargetException(cause);
        }
    }

    /** True if a snippet's code has been running for at least the given time (it is not being compiled). */
    public boolean snippetRunningFor(long nanos) {
        long since = runningSince;
        return runningThread != null && since != 0 && System.nanoTime() - since >= nanos;
    }

    /** Removes and returns the value stored under a result key (null for void or null results). */
    public Object takeResult(String key) {
        return key == null ? null : results.remove(key);
    }

    /** Clears the interrupt mark before a new cell. */
    public void resetInterrupt() {
        resetInterrupt(System.nanoTime());
    }

    /**
     * Clears the interrupt mark before a new cell, except for an interrupt that came at or after
     * requestedAtNanos ({@link System#nanoTime()} when the cell was asked for): that one is meant for
     * this cell, even though it arrived while the session was still starting or compiling.
     */
    public void resetInterrupt(long requestedAtNanos) {
        cellRequestedAt = requestedAtNanos;
        interrupted = interruptedAt != Long.MIN_VALUE && interruptedAt - requestedAtNanos >= 0;
    }

    /** True if an interrupt was requested since {@link #resetInterrupt()}. */
    public boolean wasInterrupted() {
        return interrupted;
    }

    /**
     * Interrupts the running snippet and stops its thread if it is still running after the grace period.
     * If no snippet runs yet (the cell is still compiling), the next snippet of the cell does not start.
     */
    public void interruptRunning() {
        interruptRunning(System.nanoTime());
    }

    /**
     * Interrupts as {@link #interruptRunning()} does, for an interrupt requested at requestedAtNanos
     * ({@link System#nanoTime()}); one requested before the current cell was asked for is ignored.
     */
    public void interruptRunning(long requestedAtNanos) {
        if (interruptedAt == Long.MIN_VALUE || requestedAtNanos - interruptedAt > 0) {
            interruptedAt = requestedAtNanos;
        }
        if (cellRequestedAt != Long.MIN_VALUE && requestedAtNanos - cellRequestedAt < 0) {
            return;
        }
        interrupted = true;
        Thread thread = runningThread;
        long invocation = runningInvocation;
        if (thread == null) {
            return;
        }
        thread.interrupt();
        stopper.schedule(() -> forceStop(thread, invocation), stopGraceMillis, TimeUnit.MILLISECONDS);
    }

    @SuppressWarnings({"deprecation", "removal"})
    private void forceStop(Thread thread, long invocation) {
        if (runningThread != thread || runningInvocation != invocation) {
            return;
        }
        try {
            thread.stop();
        } catch (UnsupportedOperationException e) {
            LOG.log(Level.WARNING, "This JVM cannot stop a thread; the cell keeps running until it checks the interrupt flag.");
        }
    }

    @Override
    public void stop() {
        interruptRunning();
    }

    /** Loads the classes of new snippets, with calls that would end the kernel rewritten ({@link ExitGuard}). */
    @Override
    public void load(ClassBytecodes[] classes) throws ClassInstallException, NotImplementedException, EngineTerminationException {
        super.load(guarded(classes));
    }

    private static ClassBytecodes[] guarded(ClassBytecodes[] classes) {
        ClassBytecodes[] rewritten = new ClassBytecodes[classes.length];
        for (int i = 0; i < classes.length; i++) {
            byte[] bytes = ExitGuard.rewrite(classes[i].bytecodes());
            rewritten[i] = bytes == classes[i].bytecodes() ? classes[i] : new ClassBytecodes(classes[i].name(), bytes);
        }
        return rewritten;
    }

    /**
     * Redefines already loaded snippet classes in place when JShell recompiles them (a later import or a
     * replaced method changed what their names mean), so earlier variables keep their values. Without
     * the kernel's agent, or for a change the JVM cannot apply in place (a new field or method), this
     * says "not implemented" and JShell reloads the snippet as before.
     */
    @Override
    public void redefine(ClassBytecodes[] original) throws ClassInstallException, NotImplementedException, EngineTerminationException {
        ClassBytecodes[] classes = guarded(original);
        Optional<Instrumentation> inst = ClassRedefinition.available();
        if (inst.isEmpty()) {
            throw new NotImplementedException("redefine needs the kernel's agent (run the kernel jar with java -jar)");
        }
        try {
            ClassDefinition[] definitions = new ClassDefinition[classes.length];
            for (int i = 0; i < classes.length; i++) {
                definitions[i] = new ClassDefinition(findClass(classes[i].name()), classes[i].bytecodes());
            }
            inst.get().redefineClasses(definitions);
        } catch (ClassNotFoundException | UnmodifiableClassException | UnsupportedOperationException | LinkageError e) {
            throw new NotImplementedException("redefine not possible in place: " + e);
        }
    }

    @Override
    public void close() {
        super.close();
        cellThread.shutdownNow();
        stopper.shutdownNow();
    }
}
