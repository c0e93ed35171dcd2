package dl10.kernel;

import dl10.kernel.jupyter.KernelInstaller;
import dl10.kernel.jupyter.KernelLauncher;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Command line of the course kernel jar: {@code kernel CONNECTION_FILE} (what Jupyter starts),
 * and {@code install [...]} (writes the kernelspec). The headless runner is a module of its own (dl10-runner).
 */
public final class Main {
    private Main() {
    }

    /** Dispatches to the sub-command. */
    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
            System.exit(2);
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        switch (args[0]) {
            case "kernel" -> {
                if (rest.size() != 1) {
                    System.err.println("kernel needs exactly one argument: the connection file");
                    System.exit(2);
                }
                KernelLauncher.launch(Path.of(rest.get(0)));
                System.exit(0);
            }
            case "install" -> System.exit(KernelInstaller.run(rest, System.out));
            default -> {
                usage();
                System.exit(2);
            }
        }
    }

    private static void usage() {
        System.err.println(String.join("\n",
                "usage: java -jar dl10-kernel.jar COMMAND",
                "  kernel CONNECTION_FILE      run the Jupyter kernel (started by Jupyter)",
                "  install [--user | --prefix DIR | --jupyter-path DIR] [--name NAME] [--display-name NAME]",
                "                              write the kernelspec (default: --user, name dl10-java)"));
    }
}
