package dl10.kernel;

import dl10.kernel.jupyter.KernelInstaller;
import dl10.kernel.jupyter.KernelLauncher;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * Command line of the course kernel jar: {@code kernel CONNECTION_FILE} (what Jupyter starts) and
 * {@code install [...]} (writes the kernelspec), each with {@code --help}. The headless runner is a module
 * of its own (dl10-runner).
 */
@Command(name = "dl10-kernel", mixinStandardHelpOptions = true, version = "dl10-kernel 1.0",
        description = "The Java Jupyter kernel of the deep-learning course.",
        subcommands = {Main.KernelCommand.class, KernelInstaller.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) throws Exception {
        if (args.length == 2 && "kernel".equals(args[0]) && !args[1].startsWith("-")) {
            // What kernel.json runs at every kernel start. Building picocli's model of the commands costs about
            // 0.2 s of CPU (reflection over the annotations), which only help, errors and install need, and
            // the kernel's first reply should not wait for it; the kernel command's --help still goes through it.
            KernelLauncher.launch(Path.of(args[1]));
            System.exit(0);
        }
        System.exit(commandLine().execute(args));
    }

    /** The command line with its sub-commands, for tests. */
    public static CommandLine commandLine() {
        return new CommandLine(new Main());
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Name a command: kernel or install (see --help)");
    }

    /** {@code kernel CONNECTION_FILE}: runs the kernel until the front end shuts it down. */
    @Command(name = "kernel", mixinStandardHelpOptions = true,
            description = "Run the Jupyter kernel for a connection file (Jupyter starts this through kernel.json).")
    static final class KernelCommand implements Callable<Integer> {
        @Parameters(paramLabel = "CONNECTION_FILE", description = "The connection file Jupyter wrote for this kernel.")
        private Path connectionFile;

        @Override
        public Integer call() throws Exception {
            KernelLauncher.launch(connectionFile);
            return 0;
        }
    }
}
