package org.openauthz.cli.clients;

import java.util.List;
import java.util.concurrent.Callable;
import org.openauthz.cli.CliEnvironment;
import org.openauthz.cli.HelpOption;
import org.openauthz.cli.http.AdminConnectionOptions;
import org.openauthz.cli.http.AdminSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code hydra clients delete <id>...}: deletes clients one after the other, stopping at the first failure. */
@Command(name = "delete", header = "Delete an OAuth 2.0 Client",
        description = {"This command deletes one or more OAuth 2.0 Clients by their respective IDs.",
                "",
                "Example:",
                "  hydra clients delete client-1 client-2 client-3"})
final class DeleteClientsCommand implements Callable<Integer> {

    @Mixin
    private HelpOption helpOption;

    @Mixin
    private AdminConnectionOptions connection;

    @Parameters(arity = "1..*", paramLabel = "<id>", description = "the clients to delete")
    private List<String> ids;

    private final CliEnvironment environment;

    DeleteClientsCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        try (AdminSession session = connection.open(environment)) {
            for (String id : ids) {
                session.run("Could not delete OAuth 2.0 Client " + id, api -> api.deleteOAuth2Client(id));
            }
        }
        environment.out().println("OAuth 2.0 Client(s) deleted");
        return 0;
    }
}
