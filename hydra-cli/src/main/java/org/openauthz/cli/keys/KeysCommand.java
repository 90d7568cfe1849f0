package org.openauthz.cli.keys;

import org.openauthz.cli.CliEnvironment;
import org.openauthz.cli.GroupCommand;
import picocli.CommandLine.Command;

/** {@code hydra keys ...}: JSON Web Key Set management through the admin API. */
@Command(name = "keys", header = "Manage JSON Web Keys",
        subcommands = {CreateKeysCommand.class, DeleteKeysCommand.class, GetKeysCommand.class, ImportKeysCommand.class,
                RotateKeysCommand.class})
public final class KeysCommand extends GroupCommand {

    public KeysCommand(CliEnvironment environment) {
        super(environment);
    }
}
