package org.openauthz.cli.clients;

import java.util.concurrent.Callable;
import org.openauthz.admin.client.model.OAuth2Client;
import org.openauthz.cli.CliEnvironment;
import org.openauthz.cli.HelpOption;
import org.openauthz.cli.http.AdminConnectionOptions;
import org.openauthz.cli.http.AdminSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code hydra clients create}: registers a client and prints its id (and generated secret). */
@Command(name = "create", header = "Create a new OAuth 2.0 Client",
        description = {"This command creates an OAuth 2.0 Client which can be used to perform various OAuth 2.0 Flows "
                + "like the Authorize Code, Implicit, Refresh flow.",
                "",
                "A client secret is generated and printed unless one is given with --secret or the client is public "
                + "(--token-endpoint-auth-method none).",
                "",
                "Example:",
                "  hydra clients create -n \"my app\" -c http://localhost/cb -g authorization_code -r code -a core,foobar"})
final class CreateClientCommand implements Callable<Integer> {

    @Mixin
    private HelpOption helpOption;

    @Mixin
    private AdminConnectionOptions connection;

    @Mixin
    private ClientFlags flags;

    @Mixin
    private PgpOptions pgp;

    @Option(names = "--id", paramLabel = "string", description = "Give the client this id")
    private String id;

    private final CliEnvironment environment;

    CreateClientCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        pgp.rejectIfUsed();
        String secret = flags.secret();
        boolean generated = false;
        if (secret != null) {
            environment.err().println(ClientOutput.SECRET_FLAG_WARNING);
        } else if (!flags.isPublicClient()) {
            secret = SecretGenerator.generate(environment.random());
            generated = true;
        }
        OAuth2Client request = flags.toClient(id, secret);
        OAuth2Client created;
        try (AdminSession session = connection.open(environment)) {
            created = session.call("Could not create OAuth 2.0 Client", api -> api.createOAuth2Client(request));
        }
        String clientId = created != null && created.getClientId() != null ? created.getClientId() : id;
        environment.out().println(ClientOutput.idLine(clientId));
        if (flags.isPublicClient()) {
            environment.out().println(ClientOutput.NO_SECRET);
        } else if (generated) {
            // Print what the server stored; it echoes the plaintext secret only in this response.
            String stored = created != null ? created.getClientSecret() : null;
            environment.out().println(ClientOutput.secretLine(stored == null || stored.isEmpty() ? secret : stored));
        }
        return 0;
    }
}
