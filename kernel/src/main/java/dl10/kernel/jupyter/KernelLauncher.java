package dl10.kernel.jupyter;

import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts the kernel for a Jupyter connection file: creates the {@link JavaKernel} (which begins warming
 * up JShell), binds the ZeroMQ channels, routes SIGINT to a cell interrupt and waits until shutdown.
 */
public final class KernelLauncher {
    private KernelLauncher() {
    }

    /** Runs the kernel until the front end shuts it down. */
    public static void launch(Path connectionFile) throws Exception {
        quietLibraryLogging();
        String json = Files.readString(connectionFile, StandardCharsets.UTF_8);
        KernelConnectionProperties properties = KernelConnectionProperties.parse(json);
        JavaKernel kernel = new JavaKernel(Path.of("").toAbsolutePath());
        GuardedConnection connection = new GuardedConnection(properties);
        kernel.becomeHandlerForConnection(connection);
        connection.connect();
        installSigintHandler(kernel);
        connection.waitUntilClose();
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
