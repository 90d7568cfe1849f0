package org.openauthz.cli.clients;

import java.util.List;
import java.util.concurrent.Callable;
import org.openauthz.admin.client.model.OAuth2Client;
import org.openauthz.cli.CliEnvironment;
import org.openauthz.cli.CliException;
import org.openauthz.cli.HelpOption;
import org.openauthz.cli.http.AdminConnectionOptions;
import org.openauthz.cli.http.AdminSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code hydra clients list}: one page of clients as an ASCII table. */
@Command(name = "list", header = "List OAuth 2.0 Clients",
        description = {"This command lists the OAuth 2.0 Clients, one page at a time.",
                "",
                "Example:",
                "  hydra clients list --limit 50 --page 2"})
final class ListClientsCommand implements Callable<Integer> {

    @Mixin
    private HelpOption helpOption;

    @Mixin
    private AdminConnectionOptions connection;

    @Option(names = "--limit", defaultValue = "20", description = "The maximum amount of policies returned.")
    private int limit;

    @Option(names = "--page", defaultValue = "1", description = "The number of page.")
    private int page;

    private final CliEnvironment environment;

    ListClientsCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        if (limit < 1) {
            throw new CliException("Invalid value for --limit: " + limit + " (must be at least 1)");
        }
        if (page < 1) {
            throw new CliException("Invalid value for --page: " + page + " (pages start at 1)");
        }
        long offset = (long) (page - 1) * limit;
        List<OAuth2Client> clients;
        try (AdminSession session = connection.open(environment)) {
            clients = session.call("Could not list OAuth 2.0 Clients",
                    api -> api.listOAuth2Clients((long) limit, offset, null, null));
        }
        environment.out().print(ClientOutput.table(clients == null ? List.of() : clients));
        return 0;
    }
}
