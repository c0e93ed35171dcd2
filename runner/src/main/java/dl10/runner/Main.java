package dl10.runner;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Command line of the runner jar: {@code run NOTEBOOK... [...]} (headless execution, each notebook in a
 * fresh JVM) and {@code results REPORT.json PAGE.md} (the course results page), each with {@code --help}.
 */
@Command(name = "dl10-runner", mixinStandardHelpOptions = true, version = "dl10-runner 1.0",
        description = "Runs the course's notebooks headless and renders the results page.",
        subcommands = {RunCommand.class, ResultsPage.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with its sub-commands, for tests. */
    public static CommandLine commandLine() {
        return new CommandLine(new Main());
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Name a command: run or results (see --help)");
    }
}
