package org.openauthz.cli.token;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.openauthz.cli.CliEnvironment;
import org.openauthz.cli.CliException;
import org.openauthz.cli.HelpOption;
import org.openauthz.cli.http.Endpoint;
import org.openauthz.cli.http.PublicConnectionOptions;
import org.openauthz.cli.token.user.BrowserOpener;
import org.openauthz.cli.token.user.CodeExchange;
import org.openauthz.cli.token.user.ConsumerApp;
import org.openauthz.cli.token.user.ConsumerSettings;
import org.openauthz.cli.token.user.HttpDocumentSource;
import org.openauthz.cli.token.user.IdTokenValidator;
import org.openauthz.cli.token.user.ServerLocation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hydra token user}: parses the flags of Hydra v1.10's command and runs the exemplary
 * consumer of package {@code org.openauthz.cli.token.user} until one authorization code flow is done.
 */
@Command(name = "user", header = "An exemplary OAuth 2.0 Client performing the OAuth 2.0 Authorize Code Flow",
        description = {"Starts a small web application that acts as an OAuth 2.0 client performing the authorization "
                + "code flow (with PKCE and OpenID Connect): open it, follow \"Authorize application\", log in and "
                + "grant consent, and it shows and prints the access, refresh and ID tokens it receives. The ID "
                + "token is validated against the server's JSON Web Keys.",
                "",
                "It is meant for manual testing and demonstrations only. It ends after one flow, successful or "
                + "not, unless --no-shutdown is given.",
                "",
                "Example:",
                "  hydra token user --endpoint http://127.0.0.1:4444 --client-id my-client --client-secret secret "
                + "--port 5555 --scope openid,offline"})
final class TokenUserCommand implements Callable<Integer> {

    private static final String ENDPOINT_VARIABLE = "HYDRA_URL";

    @Mixin
    private HelpOption helpOption;

    @Mixin
    private PublicConnectionOptions connection;

    @Mixin
    private ClientCredentials credentials;

    @Spec
    private CommandSpec spec;

    @Option(names = {"-p", "--port"}, paramLabel = "int", defaultValue = "4446",
            description = "The port on which the server should run")
    private int port;

    @Option(names = "--scope", split = ",", paramLabel = "strings", defaultValue = "offline,openid",
            description = "Request OAuth2 scope")
    private List<String> scope;

    @Option(names = "--prompt", split = ",", paramLabel = "strings",
            description = "Set the OpenID Connect prompt parameter")
    private List<String> prompt = List.of();

    @Option(names = "--max-age", paramLabel = "int", description = "Set the OpenID Connect max_age parameter")
    private Integer maxAge;

    @Option(names = "--audience", split = ",", paramLabel = "strings",
            description = "Request a specific OAuth 2.0 Access Token Audience")
    private List<String> audience = List.of();

    @Option(names = "--redirect", paramLabel = "string",
            description = "Force a redirect url (defaults to http://127.0.0.1:<port>/callback)")
    private String redirect;

    @Option(names = "--auth-url", paramLabel = "endpoint",
            description = "Usually it is enough to specify the endpoint flag, but if you want to force the "
                    + "authorization url, use this flag")
    private String authUrl;

    @Option(names = "--token-url", paramLabel = "endpoint",
            description = "Usually it is enough to specify the endpoint flag, but if you want to force the "
                    + "token url, use this flag")
    private String tokenUrl;

    @Option(names = "--https", arity = "0..1", fallbackValue = "true",
            description = "Sets up HTTPS for the endpoint using a self-signed certificate which is re-generated "
                    + "every time you start this command")
    private boolean https;

    @Option(names = "--no-open", arity = "0..1", fallbackValue = "true",
            description = "Do not open the browser window automatically")
    private boolean noOpen;

    @Option(names = "--no-shutdown", arity = "0..1", fallbackValue = "true",
            description = "Do not terminate on success/error. State and nonce will be regenerated when auth flow "
                    + "has completed (either due to an error or success).")
    private boolean noShutdown;

    private final CliEnvironment environment;

    TokenUserCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        String clientId = credentials.clientId(environment);
        String clientSecret = credentials.optionalClientSecret(environment);
        Endpoint endpoint = endpointGiven() ? connection.endpoint(environment) : null;
        if (endpoint == null && (blank(authUrl) || blank(tokenUrl))) {
            throw new CliException("Please provide the server's public URL with --endpoint or the " + ENDPOINT_VARIABLE
                    + " environment variable, or both --auth-url and --token-url");
        }
        if (endpoint != null && endpoint.unixSocket() != null) {
            throw new CliException("token user sends a browser to the endpoint, which a browser cannot reach over "
                    + "a unix socket: give the public http(s) URL with --endpoint");
        }
        String authorization = !blank(authUrl) ? httpUrl("--auth-url", authUrl) : endpoint.url("/oauth2/auth");
        String token = !blank(tokenUrl) ? httpUrl("--token-url", tokenUrl) : endpoint.url("/oauth2/token");
        String redirectUri = blank(redirect) ? null : httpUrl("--redirect", redirect);
        if (port < 0 || port > 65535) {
            throw new CliException("Invalid value for --port: " + port + " is not a port number (0 to 65535)");
        }
        if (maxAge != null && maxAge < 0) {
            throw new CliException("Invalid value for --max-age: it must not be negative");
        }
        if (clientSecret == null) {
            environment.err().println("No client secret given (--client-secret or " + ClientCredentials.SECRET_VARIABLE
                    + "): acting as a public client that authenticates with PKCE only.");
        }
        ConsumerSettings settings = new ConsumerSettings(clientId, clientSecret, authorization, token, redirectUri,
                TokenClientCommand.nonEmpty(scope), TokenClientCommand.nonEmpty(prompt), maxAge,
                TokenClientCommand.nonEmpty(audience), port, https, noShutdown);
        ServerLocation keys = ServerLocation.of(endpoint == null ? null : endpoint.baseUrl(), token);

        CloseableHttpClient http = connection.httpClient(endpoint);
        try (ConsumerApp app = ConsumerApp.start(settings, new CodeExchange(http, token, clientId, clientSecret),
                new IdTokenValidator(keys, new HttpDocumentSource(http), environment.clock()), environment)) {
            if (!noOpen) {
                BrowserOpener.open(app.homeUrl(), environment);
            }
            return app.awaitExitCode();
        } finally {
            try {
                http.close();
            } catch (IOException ignored) {
                // nothing useful to do when closing idle connections fails
            }
        }
    }

    /** Whether {@code --endpoint} or HYDRA_URL names the server (the explicit URLs make it optional). */
    private boolean endpointGiven() {
        String flag = spec.findOption("--endpoint").getValue();
        return !blank(flag) || environment.variable(ENDPOINT_VARIABLE) != null;
    }

    private static String httpUrl(String flag, String value) {
        String url = value.trim();
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new CliException("Invalid value for " + flag + ": " + url + " is not a valid URL (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getRawAuthority() == null) {
            throw new CliException("Invalid value for " + flag + ": " + url
                    + " must be an absolute http:// or https:// URL");
        }
        return url;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
