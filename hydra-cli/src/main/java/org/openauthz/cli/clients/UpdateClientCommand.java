package org.openauthz.cli.clients;

import java.util.concurrent.Callable;
import org.openauthz.admin.client.model.OAuth2Client;
import org.openauthz.cli.CliEnvironment;
import org.openauthz.cli.HelpOption;
import org.openauthz.cli.http.AdminConnectionOptions;
import org.openauthz.cli.http.AdminSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code hydra clients update <id>}: replaces the whole client with what the flags describe.
 * Without {@code --secret} the stored secret is kept (the server keeps it for an empty secret).
 */
@Command(name = "update", header = "Update an entire OAuth 2.0 Client",
        description = {"This command replaces an OAuth 2.0 Client by its ID. Please be aware that this command "
                + "replaces the entire client: flags that are not given are reset to their defaults.",
                "",
                "Example:",
                "  hydra clients update client-1 -n \"my updated app\" -c http://localhost/cb -g authorization_code "
                + "-r code -a core,foobar"})
final class UpdateClientCommand implements Callable<Integer> {

    @Mixin
    private HelpOption helpOption;

    @Mixin
    private AdminConnectionOptions connection;

    @Mixin
    private ClientFlags flags;

    @Mixin
    private PgpOptions pgp;

    @Parameters(index = "0", paramLabel = "<id>", description = "the client to replace")
    private String id;

    private final CliEnvironment environment;

    UpdateClientCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        pgp.rejectIfUsed();
        String secret = flags.secret();
        if (secret != null) {
            environment.err().println(ClientOutput.SECRET_FLAG_WARNING);
        }
        OAuth2Client request = flags.toClient(id, secret);
        OAuth2Client updated;
        try (AdminSession session = connection.open(environment)) {
            updated = session.call("Could not update OAuth 2.0 Client " + id,
                    api -> api.updateOAuth2Client(id, request));
        }
        String clientId = updated != null && updated.getClientId() != null ? updated.getClientId() : id;
        environment.out().println(ClientOutput.updatedLine(clientId));
        if (secret != null) {
            environment.out().println(ClientOutput.secretLine(secret));
        }
        return 0;
    }
}
