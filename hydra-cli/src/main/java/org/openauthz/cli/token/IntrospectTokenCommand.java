package org.openauthz.cli.token;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.openauthz.admin.client.model.OAuth2TokenIntrospection;
import org.openauthz.cli.CliEnvironment;
import org.openauthz.cli.HelpOption;
import org.openauthz.cli.http.AdminConnectionOptions;
import org.openauthz.cli.http.AdminSession;
import org.openauthz.cli.output.JsonOutput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hydra token introspect <token>}: asks the admin API whether a token is active and prints the result. */
@Command(name = "introspect", header = "Introspect an access or refresh token",
        description = {"Prints the RFC 7662 introspection of an access or refresh token as JSON. "
                + "Inactive, expired and unknown tokens print {\"active\": false}.",
                "",
                "Example:",
                "  hydra token introspect --endpoint http://127.0.0.1:4445 <token>"})
final class IntrospectTokenCommand implements Callable<Integer> {

    @Mixin
    private HelpOption helpOption;

    @Mixin
    private AdminConnectionOptions connection;

    @Parameters(index = "0", paramLabel = "<token>", description = "the token to introspect")
    private String token;

    @Option(names = "--scope", split = ",", paramLabel = "strings",
            description = "Additionally check if scope was granted")
    private List<String> scope = new ArrayList<>();

    // The admin API needs no client credentials; Hydra v1.10 kept these flags (and the guide
    // still passes them), so they are accepted and ignored.
    @Option(names = "--client-id", paramLabel = "string",
            description = "Use the provided OAuth 2.0 Client ID, defaults to environment variable OAUTH2_CLIENT_ID "
                    + "(deprecated and ignored)")
    private String ignoredClientId;

    @Option(names = "--client-secret", paramLabel = "string",
            description = "Use the provided OAuth 2.0 Client Secret, defaults to environment variable "
                    + "OAUTH2_CLIENT_SECRET (deprecated and ignored)")
    private String ignoredClientSecret;

    private final CliEnvironment environment;

    IntrospectTokenCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        List<String> scopes = TokenClientCommand.nonEmpty(scope);
        String requiredScope = scopes.isEmpty() ? null : String.join(" ", scopes);
        OAuth2TokenIntrospection result;
        try (AdminSession session = connection.open(environment)) {
            result = session.call("Could not introspect the token",
                    api -> api.introspectOAuth2Token(token, requiredScope));
        }
        if (result == null) {
            result = new OAuth2TokenIntrospection().active(false);
        }
        environment.out().println(new JsonOutput().pretty(result));
        return 0;
    }
}
