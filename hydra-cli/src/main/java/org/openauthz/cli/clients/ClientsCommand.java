package org.openauthz.cli.clients;

import org.openauthz.cli.CliEnvironment;
import org.openauthz.cli.GroupCommand;
import picocli.CommandLine.Command;

/** {@code hydra clients ...}: OAuth 2.0 client management through the admin API. */
@Command(name = "clients", header = "Manage OAuth 2.0 Clients",
        subcommands = {CreateClientCommand.class, DeleteClientsCommand.class, GetClientCommand.class,
                ImportClientsCommand.class, ListClientsCommand.class, UpdateClientCommand.class,
                RotateClientSecretCommand.class})
public final class ClientsCommand extends GroupCommand {

    public ClientsCommand(CliEnvironment environment) {
        super(environment);
    }
}
