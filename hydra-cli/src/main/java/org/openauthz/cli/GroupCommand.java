package org.openauthz.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that only groups subcommands ({@code clients}, {@code keys}, {@code token}). Run on its
 * own it prints its help and succeeds, as cobra does for commands without an action.
 */
public abstract class GroupCommand implements Callable<Integer> {

    @Mixin
    private HelpOption helpOption;

    @Spec
    private CommandSpec spec;

    private final CliEnvironment environment;

    protected GroupCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(environment.out());
        return 0;
    }
}
