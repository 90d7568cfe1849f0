package org.openauthz.cli.token;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.openauthz.cli.CliEnvironment;
import org.openauthz.cli.HelpOption;
import org.openauthz.cli.http.Endpoint;
import org.openauthz.cli.http.ErrorMessages;
import org.openauthz.cli.http.PublicConnectionOptions;
import org.openauthz.cli.token.device.DeviceAuthorization;
import org.openauthz.cli.token.device.DeviceFlow;
import org.openauthz.cli.token.user.HttpDocumentSource;
import org.openauthz.cli.token.user.IdTokenValidator;
import org.openauthz.cli.token.user.ServerLocation;
import org.openauthz.cli.token.user.TokenReport;
import org.openauthz.cli.token.user.TokenResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code hydra token device}: an exemplary device (a TV, a CLI) signing a user in with the device authorization
 * grant (RFC 8628). Not in Hydra v1.10.
 */
@Command(name = "device", header = "An exemplary OAuth 2.0 Client performing the OAuth 2.0 Device Authorization Grant",
        description = {"Asks the server for a user code, prints it with the URL where the user enters it (on a "
                + "phone or computer), then polls the token endpoint until the user has logged in and consented, "
                + "and prints the access, refresh and ID tokens as `token user` does. The ID token is validated "
                + "against the server's JSON Web Keys.",
                "",
                "The client needs the grant type urn:ietf:params:oauth:grant-type:device_code. Without "
                + "--client-secret (or OAUTH2_CLIENT_SECRET) it acts as a public client.",
                "",
                "It is meant for manual testing and demonstrations only.",
                "",
                "Example:",
                "  hydra token device --endpoint http://127.0.0.1:4444 --client-id my-tv --scope openid,offline"})
final class TokenDeviceCommand implements Callable<Integer> {

    @Mixin
    private HelpOption helpOption;

    @Mixin
    private PublicConnectionOptions connection;

    @Mixin
    private ClientCredentials credentials;

    @Option(names = "--scope", split = ",", paramLabel = "strings", defaultValue = "offline,openid",
            description = "Request OAuth2 scope")
    private List<String> scope;

    @Option(names = "--audience", split = ",", paramLabel = "strings",
            description = "Request a specific OAuth 2.0 Access Token Audience")
    private List<String> audience = List.of();

    private final CliEnvironment environment;
    private final DeviceFlow.Sleeper sleeper;

    TokenDeviceCommand(CliEnvironment environment) {
        this(environment, duration -> Thread.sleep(duration.toMillis()));
    }

    TokenDeviceCommand(CliEnvironment environment, DeviceFlow.Sleeper sleeper) {
        this.environment = environment;
        this.sleeper = sleeper;
    }

    @Override
    public Integer call() throws InterruptedException {
        String clientId = credentials.clientId(environment);
        String clientSecret = credentials.optionalClientSecret(environment);
        Endpoint endpoint = connection.endpoint(environment);
        List<String> scopes = TokenClientCommand.nonEmpty(scope);
        List<String> audiences = TokenClientCommand.nonEmpty(audience);
        try (CloseableHttpClient http = connection.httpClient(endpoint)) {
            DeviceFlow flow = new DeviceFlow(http, endpoint, clientId, clientSecret, sleeper, environment.clock());
            DeviceAuthorization started = flow.start(scopes.isEmpty() ? null : String.join(" ", scopes),
                    audiences.isEmpty() ? null : String.join(" ", audiences));
            PrintWriter out = environment.out();
            out.print("To sign in, open " + started.verificationUri() + " and enter the code:\n\n\t"
                    + started.userCode() + "\n\n");
            if (started.verificationUriComplete() != null) {
                out.print("Or open " + started.verificationUriComplete() + "\n\n");
            }
            out.print("Waiting for the user (the code expires in " + started.expiresIn() + " seconds)...\n");
            out.flush();
            TokenResponse tokens = flow.await(started);
            String tokenUrl = endpoint.url("/oauth2/token");
            IdTokenValidator validator = new IdTokenValidator(ServerLocation.of(endpoint.baseUrl(), tokenUrl),
                    new HttpDocumentSource(http), environment.clock());
            TokenReport report = TokenReport.of(tokens, validator, clientId, null, environment);
            return report.idTokenProblem() == null ? 0 : 1;
        } catch (IOException e) {
            throw ErrorMessages.unreachable(endpoint, e);
        }
    }
}
