package org.openauthz.cli.token;

import java.util.concurrent.Callable;
import org.openauthz.cli.CliEnvironment;
import org.openauthz.cli.CliException;
import org.openauthz.cli.HelpOption;
import org.openauthz.cli.http.AdminConnectionOptions;
import org.openauthz.cli.http.AdminSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code hydra token delete --client-id <id>}: deletes every access token of one client. */
@Command(name = "delete", header = "Deletes access tokens of a client",
        description = {"Deletes all access tokens issued to an OAuth 2.0 Client.",
                "",
                "Example:",
                "  hydra token delete --client-id my-client"})
final class DeleteTokensCommand implements Callable<Integer> {

    /** Hydra v1.10 read this command's endpoint from HYDRA_URL; honoured when HYDRA_ADMIN_URL is unset. */
    private static final String LEGACY_ENDPOINT_VARIABLE = "HYDRA_URL";

    @Mixin
    private HelpOption helpOption;

    @Mixin
    private AdminConnectionOptions connection;

    @Option(names = "--client-id", paramLabel = "string", description = "Client ID for which the access tokens should be deleted")
    private String clientId;

    private final CliEnvironment environment;

    DeleteTokensCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        if (clientId == null || clientId.isBlank()) {
            throw new CliException("Please provide the client whose access tokens to delete with --client-id");
        }
        try (AdminSession session = connection.open(environment, LEGACY_ENDPOINT_VARIABLE)) {
            session.run("Could not delete access tokens for client " + clientId,
                    api -> api.deleteOAuth2Token(clientId));
        }
        environment.out().println("Successfully deleted access tokens for client " + clientId);
        return 0;
    }
}
