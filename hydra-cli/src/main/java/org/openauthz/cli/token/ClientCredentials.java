package org.openauthz.cli.token;

import org.openauthz.cli.CliEnvironment;
import org.openauthz.cli.CliException;
import picocli.CommandLine.Option;

/**
 * {@code --client-id} / {@code --client-secret} for the public endpoints that authenticate the
 * client (token, revoke), defaulting to {@code OAUTH2_CLIENT_ID} / {@code OAUTH2_CLIENT_SECRET}.
 */
public final class ClientCredentials {

    static final String ID_VARIABLE = "OAUTH2_CLIENT_ID";
    static final String SECRET_VARIABLE = "OAUTH2_CLIENT_SECRET";

    @Option(names = "--client-id", paramLabel = "string",
            description = "Use the provided OAuth 2.0 Client ID, defaults to environment variable " + ID_VARIABLE)
    String clientId;

    @Option(names = "--client-secret", paramLabel = "string",
            description = "Use the provided OAuth 2.0 Client Secret, defaults to environment variable " + SECRET_VARIABLE)
    String clientSecret;

    String clientId(CliEnvironment environment) {
        String id = clientId != null && !clientId.isEmpty() ? clientId : environment.variable(ID_VARIABLE);
        if (id == null) {
            throw new CliException("Please provide a Client ID using --client-id flag, or " + ID_VARIABLE
                    + " environment variable.");
        }
        return id;
    }

    String clientSecret(CliEnvironment environment) {
        String secret = clientSecret != null && !clientSecret.isEmpty()
                ? clientSecret : environment.variable(SECRET_VARIABLE);
        if (secret == null) {
            throw new CliException("Please provide a Client Secret using --client-secret flag or "
                    + SECRET_VARIABLE + " environment variable.");
        }
        return secret;
    }

    /** The secret from the flag or {@code OAUTH2_CLIENT_SECRET}; {@code null} (a public client) when neither is set. */
    String optionalClientSecret(CliEnvironment environment) {
        String secret = clientSecret;
        if (secret == null || secret.isEmpty()) {
            secret = environment.variable(SECRET_VARIABLE);
        }
        return secret == null || secret.isEmpty() ? null : secret;
    }
}
