package org.openauthz.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code hydra help [command...]}: prints the help of the root or of any (nested) command. */
@Command(name = "help", header = "Help about any command",
        description = {"Help provides help for any command in the application.",
                "Simply type hydra help [path to command] for full details."})
final class HelpCommand implements Callable<Integer> {

    @Mixin
    private HelpOption helpOption;

    @Parameters(paramLabel = "command", arity = "0..*", description = "the command to describe")
    private List<String> path = new ArrayList<>();

    @Spec
    private CommandSpec spec;

    private final CliEnvironment environment;

    HelpCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        CommandLine target = spec.root().commandLine();
        for (String name : path) {
            CommandLine next = target.getSubcommands().get(name);
            if (next == null) {
                throw new CliException("Unknown help topic [" + String.join(" ", path) + "]"
                        + " (see \"hydra help\")");
            }
            target = next;
        }
        target.usage(environment.out());
        return 0;
    }
}
