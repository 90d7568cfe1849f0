package org.openauthz.cli.clients;

import java.util.List;
import java.util.concurrent.Callable;
import org.openauthz.admin.client.model.OAuth2Client;
import org.openauthz.cli.CliEnvironment;
import org.openauthz.cli.HelpOption;
import org.openauthz.cli.http.AdminConnectionOptions;
import org.openauthz.cli.http.AdminSession;
import org.openauthz.cli.output.JsonOutput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code hydra clients get <id>}: prints the client as pretty JSON (the secret is never included). */
@Command(name = "get", header = "Get an OAuth 2.0 Client",
        description = {"This command retrieves an OAuth 2.0 Client by its ID and prints it as JSON.",
                "",
                "Example:",
                "  hydra clients get client-1"})
final class GetClientCommand implements Callable<Integer> {

    @Mixin
    private HelpOption helpOption;

    @Mixin
    private AdminConnectionOptions connection;

    @Parameters(arity = "1..*", paramLabel = "<id>", description = "the clients to print")
    private List<String> ids;

    private final CliEnvironment environment;

    GetClientCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        JsonOutput json = new JsonOutput();
        try (AdminSession session = connection.open(environment)) {
            for (String id : ids) {
                OAuth2Client client = session.call("Could not get OAuth 2.0 Client " + id,
                        api -> api.getOAuth2Client(id));
                environment.out().println(json.pretty(client));
            }
        }
        return 0;
    }
}
