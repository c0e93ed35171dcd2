package dl10.kernel.jupyter;

import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts the kernel for a Jupyter connection file: creates the {@link JavaKernel} (which begins warming
 * up JShell), binds the ZeroMQ sockets, publishes {@code status: starting}, routes SIGINT to a cell
 * interrupt and returns when a shutdown request has been answered.
 */
public final class KernelLauncher {
    private KernelLauncher() {
    }

    /** Runs the kernel until the front end shuts it down. */
    public static void launch(Path connectionFile) throws Exception {
        quietLibraryLogging();
        JavaKernel kernel = new JavaKernel(Path.of("").toAbsolutePath());
        KernelSockets sockets = KernelSockets.bind(connectionFile);
        KernelProtocol protocol = new KernelProtocol(kernel, sockets);
        sockets.start(protocol);
        com.google.gson.JsonObject starting = new com.google.gson.JsonObject();
        starting.addProperty("execution_state", "starting");
        sockets.publish(null, "status", starting);
        installSigintHandler(kernel);
        sockets.awaitStop();
    }

    /** The base library logs every message at INFO; keep warnings only (logs go to stderr). */
    static void quietLibraryLogging() {
        Logger.getLogger("").setLevel(Level.WARNING);
        Logger.getLogger("Jupyter").setLevel(Level.WARNING);
        Logger.getLogger("io.github.spencerpark").setLevel(Level.WARNING);
    }

    private static void installSigintHandler(JavaKernel kernel) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), signal -> kernel.interrupt());
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            Logger.getLogger(KernelLauncher.class.getName()).warning("SIGINT cannot be handled here: " + e.getMessage());
        }
    }
}
