package org.openauthz.cli.token;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
import org.openauthz.cli.output.JsonOutput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code hydra token client}: the OAuth 2.0 client credentials grant against the public token
 * endpoint, printing only the access token (or the whole response with {@code --verbose}).
 */
@Command(name = "client", header = "An exemplary OAuth 2.0 Client performing the OAuth 2.0 Client Credentials Flow",
        description = {"Performs the OAuth 2.0 Client Credentials Flow. This command will help you to see if "
                + "the server has been configured properly.",
                "",
                "This command should not be used for anything else than manual testing or demo purposes. "
                + "The server will terminate on error.",
                "",
                "Example:",
                "  hydra token client --endpoint http://127.0.0.1:4444 --client-id my-client --client-secret my-secret"})
final class TokenClientCommand implements Callable<Integer> {

    private static final String ACTION = "Could not obtain an OAuth 2.0 Access Token";

    @Mixin
    private HelpOption helpOption;

    @Mixin
    private PublicConnectionOptions connection;

    @Mixin
    private ClientCredentials credentials;

    @Option(names = "--scope", split = ",", paramLabel = "strings", description = "OAuth2 scope to request")
    private List<String> scope = new ArrayList<>();

    @Option(names = "--audience", split = ",", paramLabel = "strings", description = "Request a specific OAuth 2.0 Access Token Audience")
    private List<String> audience = new ArrayList<>();

    @Option(names = {"-v", "--verbose"}, arity = "0..1", fallbackValue = "true",
            description = "Toggle verbose output mode")
    private boolean verbose;

    private final CliEnvironment environment;

    TokenClientCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        String clientId = credentials.clientId(environment);
        String clientSecret = credentials.clientSecret(environment);
        Endpoint endpoint = connection.endpoint(environment);

        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        List<String> scopes = nonEmpty(scope);
        if (!scopes.isEmpty()) {
            form.put("scope", String.join(" ", scopes));
        }
        List<String> audiences = nonEmpty(audience);
        if (!audiences.isEmpty()) {
            form.put("audience", String.join(" ", audiences));
        }

        FormPost.Response response;
        try (CloseableHttpClient http = connection.httpClient(endpoint)) {
            response = FormPost.postWithBasicAuth(http, endpoint, "/oauth2/token", form, clientId, clientSecret);
        } catch (IOException e) {
            throw ErrorMessages.unreachable(endpoint, e);
        }
        if (!response.ok()) {
            throw new CliException(ACTION + ": " + ErrorMessages.httpError(response.status(), response.body()));
        }
        JsonNode token;
        try {
            token = new ObjectMapper().readTree(response.body());
        } catch (IOException e) {
            throw new CliException(ACTION + ": the token endpoint did not answer with JSON", e);
        }
        JsonNode accessToken = token == null ? null : token.get("access_token");
        if (accessToken == null || !accessToken.isTextual() || accessToken.asText().isEmpty()) {
            throw new CliException(ACTION + ": the token endpoint's answer has no access_token");
        }
        if (verbose) {
            environment.out().println(new JsonOutput().pretty(token));
        } else {
            environment.out().println(accessToken.asText());
        }
        return 0;
    }

    static List<String> nonEmpty(List<String> values) {
        List<String> result = new ArrayList<>();
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                result.add(value.trim());
            }
        }
        return result;
    }
}
