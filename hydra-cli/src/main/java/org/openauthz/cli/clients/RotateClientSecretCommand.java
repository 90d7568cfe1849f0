package org.openauthz.cli.clients;

import java.util.concurrent.Callable;
import org.openauthz.admin.client.model.OAuth2Client;
import org.openauthz.admin.client.model.SecretRotationRequest;
import org.openauthz.cli.CliEnvironment;
import org.openauthz.cli.HelpOption;
import org.openauthz.cli.http.AdminConnectionOptions;
import org.openauthz.cli.http.AdminSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hydra clients rotate-secret <id> [--overlap 24h]} (not in Hydra): a new secret, the old one kept a while. */
@Command(name = "rotate-secret", header = "Give an OAuth 2.0 Client a new secret, keeping the old one for a while",
        description = {"This command has the server generate a new secret for a confidential OAuth 2.0 Client and "
                + "prints it; it is shown only this once. The previous secret keeps working until the overlap ends, "
                + "so the client's deployments can switch without downtime. Not in Hydra.",
                "",
                "Example:",
                "  hydra clients rotate-secret my-client --overlap 24h"})
final class RotateClientSecretCommand implements Callable<Integer> {

    @Mixin
    private HelpOption helpOption;

    @Mixin
    private AdminConnectionOptions connection;

    @Parameters(index = "0", paramLabel = "<id>", description = "the client")
    private String id;

    @Option(names = "--overlap", paramLabel = "duration", defaultValue = "24h",
            description = "How long the previous secret keeps working, e.g. 24h or 30m; 0s ends it at once")
    private String overlap;

    private final CliEnvironment environment;

    RotateClientSecretCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        OAuth2Client rotated;
        try (AdminSession session = connection.open(environment)) {
            rotated = session.call("Could not rotate the secret of OAuth 2.0 Client " + id,
                    api -> api.rotateOAuth2ClientSecret(id, new SecretRotationRequest().overlap(overlap)));
        }
        environment.out().println(ClientOutput.idLine(id));
        environment.out().println(ClientOutput.secretLine(rotated == null ? "" : rotated.getClientSecret()));
        environment.out().println("The previous secret keeps working for " + overlap + ".");
        return 0;
    }
}
