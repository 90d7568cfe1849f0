package org.openauthz.cli.token;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.openauthz.cli.CliEnvironment;
import org.openauthz.cli.CliException;
import org.openauthz.cli.HelpOption;
import org.openauthz.cli.http.Endpoint;
import org.openauthz.cli.http.ErrorMessages;
import org.openauthz.cli.http.FormPost;
import org.openauthz.cli.http.PublicConnectionOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code hydra token revoke <token>}: RFC 7009 revocation at the public endpoint, as the owning client. */
@Command(name = "revoke", header = "Revoke an access or refresh token",
        description = {"Revokes an access or refresh token (and every token of the same grant). The client that "
                + "owns the token must authenticate with --client-id and --client-secret.",
                "",
                "Example:",
                "  hydra token revoke --client-id my-client --client-secret my-secret <token>"})
final class RevokeTokenCommand implements Callable<Integer> {

    @Mixin
    private HelpOption helpOption;

    @Mixin
    private PublicConnectionOptions connection;

    @Mixin
    private ClientCredentials credentials;

    @Parameters(index = "0", paramLabel = "<token>", description = "the token to revoke")
    private String token;

    private final CliEnvironment environment;

    RevokeTokenCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        String clientId = credentials.clientId(environment);
        String clientSecret = credentials.clientSecret(environment);
        Endpoint endpoint = connection.endpoint(environment);
        FormPost.Response response;
        try (CloseableHttpClient http = connection.httpClient(endpoint)) {
            response = FormPost.postWithBasicAuth(http, endpoint, "/oauth2/revoke", Map.of("token", token),
                    clientId, clientSecret);
        } catch (IOException e) {
            throw ErrorMessages.unreachable(endpoint, e);
        }
        if (!response.ok()) {
            throw new CliException("Could not revoke the token: "
                    + ErrorMessages.httpError(response.status(), response.body()));
        }
        environment.out().println("Revoked OAuth 2.0 Access Token: " + token);
        return 0;
    }
}
