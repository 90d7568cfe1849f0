package org.openauthz.cli.clients;

import java.util.ArrayList;
import java.util.List;
import org.openauthz.admin.client.model.OAuth2Client;
import picocli.CommandLine.Option;

/**
 * The client metadata flags shared by {@code clients create} and {@code clients update}, with
 * Hydra v1.10's names, short forms and defaults. List flags take comma-separated values and may be
 * repeated.
 */
public final class ClientFlags {

    static final String NO_SECRET_METHOD = "none";

    @Option(names = {"-c", "--callbacks"}, split = ",", paramLabel = "strings",
            description = "REQUIRED list of allowed callback URLs")
    List<String> callbacks = new ArrayList<>();

    @Option(names = {"-g", "--grant-types"}, split = ",", paramLabel = "strings", defaultValue = "authorization_code",
            description = "A list of allowed grant types")
    List<String> grantTypes = new ArrayList<>();

    @Option(names = {"-r", "--response-types"}, split = ",", paramLabel = "strings", defaultValue = "code",
            description = "A list of allowed response types")
    List<String> responseTypes = new ArrayList<>();

    @Option(names = {"-a", "--scope"}, split = ",", paramLabel = "strings",
            description = "The scope the client is allowed to request")
    List<String> scope = new ArrayList<>();

    @Option(names = "--audience", split = ",", paramLabel = "strings",
            description = "The audience this client is allowed to request")
    List<String> audience = new ArrayList<>();

    @Option(names = "--token-endpoint-auth-method", paramLabel = "string", defaultValue = "client_secret_basic",
            description = "Define which authentication method the client may use at the Token Endpoint. Valid values "
                    + "are \"client_secret_post\", \"client_secret_basic\", \"private_key_jwt\", and \"none\"")
    String tokenEndpointAuthMethod;

    @Option(names = "--jwks-uri", paramLabel = "string",
            description = "Define the URL where the JSON Web Key Set should be fetched from when performing the "
                    + "\"private_key_jwt\" client authentication method")
    String jwksUri;

    @Option(names = "--policy-uri", paramLabel = "string",
            description = "A URL string that points to a human-readable privacy policy document that describes how the "
                    + "deployment organization collects, uses, retains, and discloses personal data")
    String policyUri;

    @Option(names = "--tos-uri", paramLabel = "string",
            description = "A URL string that points to a human-readable terms of service document for the client that "
                    + "describes a contractual relationship between the end-user and the client that the end-user "
                    + "accepts when authorizing the client")
    String tosUri;

    @Option(names = "--client-uri", paramLabel = "string",
            description = "A URL string of a web page providing information about the client")
    String clientUri;

    @Option(names = "--logo-uri", paramLabel = "string",
            description = "A URL string that references a logo for the client")
    String logoUri;

    @Option(names = "--allowed-cors-origins", split = ",", paramLabel = "strings",
            description = "The list of URLs allowed to make CORS requests. Requires CORS_ENABLED")
    List<String> allowedCorsOrigins = new ArrayList<>();

    @Option(names = "--subject-type", paramLabel = "string", defaultValue = "public",
            description = "A identifier algorithm. Valid values are \"public\" and \"pairwise\"")
    String subjectType;

    @Option(names = "--secret", paramLabel = "string",
            description = "Provide the client's secret")
    String secret;

    @Option(names = {"-n", "--name"}, paramLabel = "string",
            description = "The client's name")
    String name;

    @Option(names = "--post-logout-callbacks", split = ",", paramLabel = "strings",
            description = "List of allowed URLs to be redirected to after a logout")
    List<String> postLogoutCallbacks = new ArrayList<>();

    @Option(names = "--backchannel-logout-callback", paramLabel = "string",
            description = "Client URL that will cause the client to log itself out when sent a Logout Token by Hydra")
    String backchannelLogoutCallback;

    @Option(names = "--backchannel-logout-session-required", arity = "0..1", fallbackValue = "true",
            description = "Boolean flag specifying whether the client requires that a sid (session ID) Claim be included "
                    + "in the Logout Token to identify the client session with the OP when the "
                    + "backchannel-logout-callback is used")
    boolean backchannelLogoutSessionRequired;

    @Option(names = "--frontchannel-logout-callback", paramLabel = "string",
            description = "Client URL that will cause the client to log itself out when rendered in an iframe by Hydra")
    String frontchannelLogoutCallback;

    @Option(names = "--frontchannel-logout-session-required", arity = "0..1", fallbackValue = "true",
            description = "Boolean flag specifying whether the client requires that a sid (session ID) Claim be included "
                    + "in the Logout Token to identify the client session with the OP when the "
                    + "frontchannel-logout-callback is used")
    boolean frontchannelLogoutSessionRequired;

    /** The {@code --secret} value, or null when the flag was not given or empty. */
    String secret() {
        return secret == null || secret.isEmpty() ? null : secret;
    }

    boolean isPublicClient() {
        return NO_SECRET_METHOD.equals(tokenEndpointAuthMethod);
    }

    /**
     * The client described by the flags. Empty strings become absent fields, so the server applies
     * its own defaults (for example the default scope).
     */
    OAuth2Client toClient(String clientId, String clientSecret) {
        OAuth2Client client = new OAuth2Client()
                .clientId(blankToNull(clientId))
                .clientSecret(clientSecret == null || clientSecret.isEmpty() ? null : clientSecret)
                .clientName(blankToNull(name))
                .redirectUris(values(callbacks))
                .grantTypes(values(grantTypes))
                .responseTypes(values(responseTypes))
                .scope(blankToNull(String.join(" ", values(scope))))
                .audience(values(audience))
                .tokenEndpointAuthMethod(blankToNull(tokenEndpointAuthMethod))
                .jwksUri(blankToNull(jwksUri))
                .policyUri(blankToNull(policyUri))
                .tosUri(blankToNull(tosUri))
                .clientUri(blankToNull(clientUri))
                .logoUri(blankToNull(logoUri))
                .allowedCorsOrigins(values(allowedCorsOrigins))
                .subjectType(blankToNull(subjectType))
                .postLogoutRedirectUris(values(postLogoutCallbacks))
                .backchannelLogoutUri(blankToNull(backchannelLogoutCallback))
                .frontchannelLogoutUri(blankToNull(frontchannelLogoutCallback));
        // Left out unless set, like the omitempty booleans of Hydra's SDK.
        if (backchannelLogoutSessionRequired) {
            client.backchannelLogoutSessionRequired(true);
        }
        if (frontchannelLogoutSessionRequired) {
            client.frontchannelLogoutSessionRequired(true);
        }
        // The generated model starts these as empty collections; absent means "server default".
        client.setContacts(null);
        client.setRequestUris(null);
        client.setMetadata(null);
        return client;
    }

    /** Comma-split values with surrounding blanks and empty entries removed. */
    static List<String> values(List<String> raw) {
        List<String> values = new ArrayList<>();
        if (raw != null) {
            for (String value : raw) {
                if (value != null && !value.isBlank()) {
                    values.add(value.trim());
                }
            }
        }
        return values;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
