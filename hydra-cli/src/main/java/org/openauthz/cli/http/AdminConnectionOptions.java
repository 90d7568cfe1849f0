package org.openauthz.cli.http;

import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.openauthz.admin.client.ApiClient;
import org.openauthz.admin.client.api.AdminApi;
import org.openauthz.cli.CliEnvironment;
import picocli.CommandLine.Option;

/** The management flags of every admin API command ({@code clients}, {@code keys}, ...). */
public final class AdminConnectionOptions extends ConnectionOptions {

    static final String ENDPOINT_VARIABLE = "HYDRA_ADMIN_URL";
    static final String TOKEN_VARIABLE = "OAUTH2_ACCESS_TOKEN";
    /**
     * Our own name for the admin port's token (serve.admin.auth.enabled), read after Hydra's; the help text keeps
     * Hydra's wording, which names only OAUTH2_ACCESS_TOKEN.
     */
    static final String ADMIN_TOKEN_VARIABLE = "HYDRA_ADMIN_TOKEN";

    @Option(names = "--endpoint", paramLabel = "string",
            description = "Set the URL where the admin API is hosted, defaults to environment variable "
                    + ENDPOINT_VARIABLE)
    String endpoint;

    @Option(names = "--access-token", paramLabel = "string",
            description = "Set an access token to be used in the Authorization header, defaults to environment "
                    + "variable " + TOKEN_VARIABLE)
    String accessToken;

    /**
     * Connects to the admin API.
     *
     * @param fallbackVariables further environment variables to try after HYDRA_ADMIN_URL
     */
    public AdminSession open(CliEnvironment environment, String... fallbackVariables) {
        String fromEnvironment = environment.variable(ENDPOINT_VARIABLE);
        for (int i = 0; fromEnvironment == null && i < fallbackVariables.length; i++) {
            fromEnvironment = environment.variable(fallbackVariables[i]);
        }
        Endpoint resolved = Endpoint.resolve(endpoint, fromEnvironment, ENDPOINT_VARIABLE, "admin API");
        CloseableHttpClient http = httpClient(resolved);
        ApiClient client = new ApiClient(http);
        client.setBasePath(resolved.baseUrl());
        client.setUserAgent("hydra-cli (OpenAuthz)");
        String token = accessToken != null && !accessToken.isBlank()
                ? accessToken.trim() : environment.variable(TOKEN_VARIABLE);
        if (token == null || token.isBlank()) {
            token = environment.variable(ADMIN_TOKEN_VARIABLE);
        }
        if (token != null && !token.isBlank()) {
            client.addDefaultHeader("Authorization", "Bearer " + token.trim());
        }
        return new AdminSession(http, new AdminApi(client), resolved);
    }
}
