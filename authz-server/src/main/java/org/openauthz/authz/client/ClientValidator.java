package org.openauthz.authz.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.openauthz.authz.oauth2.OAuth2Error;
import org.openauthz.authz.oauth2.OAuth2Exception;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Validates client metadata and fills Hydra v1.10's defaults
 * (<a href="https://www.rfc-editor.org/rfc/rfc7591#section-2">RFC 7591 §2</a>,
 * <a href="https://openid.net/specs/openid-connect-registration-1_0.html#ClientMetadata">OpenID Connect Registration
 * §2</a>). Failures are {@code invalid_client_metadata} (400) with a hint naming the field.
 */
public final class ClientValidator {
    static final Set<String> AUTH_METHODS = Set.of("client_secret_basic", "client_secret_post", "private_key_jwt",
            "none");
    static final Set<String> RESPONSE_TYPE_WORDS = Set.of("code", "token", "id_token");
    static final Set<String> SIGNING_ALGS = Set.copyOf(ClientAssertionAlgorithms.SUPPORTED);
    static final int MIN_SECRET_LENGTH = 6;
    private static final int MAX_ID_LENGTH = 255;

    private final List<String> subjectTypes;
    private final String defaultScope;
    private final List<String> grantTypes;
    private final SectorIdentifierCheck sectors;

    /** {@code grantTypes}: the grant types the server supports (in the order the error hint names them). */
    public ClientValidator(List<String> subjectTypes, String defaultScope, List<String> grantTypes) {
        this(subjectTypes, defaultScope, grantTypes, new SectorIdentifierFetcher()::fetch);
    }

    /** {@code sectorDocuments}: fetches a {@code sector_identifier_uri}'s list of redirect URIs. */
    public ClientValidator(List<String> subjectTypes, String defaultScope, List<String> grantTypes,
                           Function<URI, List<String>> sectorDocuments) {
        this.subjectTypes = List.copyOf(subjectTypes);
        this.defaultScope = defaultScope;
        this.grantTypes = List.copyOf(grantTypes);
        this.sectors = new SectorIdentifierCheck(sectorDocuments);
    }

    /** The client with defaults filled in; throws {@code invalid_client_metadata} for the first bad field. */
    public OAuth2Client validate(OAuth2Client in) {
        OAuth2Client.Builder out = in.toBuilder();
        String id = in.clientId() == null || in.clientId().isEmpty() ? UUID.randomUUID().toString() : in.clientId();
        // The id travels in URL paths (/clients/{id}); characters that cannot round-trip there are refused.
        if (id.length() > MAX_ID_LENGTH || id.chars().anyMatch(c -> c < 0x21 || c == 0x7f || "/%?#\\".indexOf(c) >= 0)) {
            throw invalid("Field 'client_id' must be at most 255 printable characters without spaces, '/', '%', '?', "
                    + "'#' or '\\'.");
        }
        out.clientId(id);
        String method = blankToNull(in.tokenEndpointAuthMethod());
        method = method == null ? "client_secret_basic" : method;
        if (!AUTH_METHODS.contains(method)) {
            throw invalid("Field 'token_endpoint_auth_method' must be one of client_secret_basic, client_secret_post, "
                    + "private_key_jwt, none.");
        }
        out.tokenEndpointAuthMethod(method);
        if (in.clientSecret() != null && !in.clientSecret().isEmpty() && in.clientSecret().length() < MIN_SECRET_LENGTH) {
            throw invalid("Field 'client_secret' must contain a secret that is at least 6 characters long.");
        }
        boolean hasJwks = in.jwks() != null && !in.jwks().isNull();
        if (hasJwks && blankToNull(in.jwksUri()) != null) {
            throw invalid("Fields 'jwks' and 'jwks_uri' can not both be set, you must choose one.");
        }
        if (hasJwks && (!in.jwks().isObject() || !in.jwks().path("keys").isArray())) {
            throw invalid("Field 'jwks' must be a JSON Web Key Set: an object with a 'keys' array.");
        }
        if ("private_key_jwt".equals(method) && !hasJwks && blankToNull(in.jwksUri()) == null) {
            throw invalid("Field 'jwks' or 'jwks_uri' must be set when 'token_endpoint_auth_method' is "
                    + "'private_key_jwt'.");
        }
        if (blankToNull(in.jwksUri()) != null) {
            requireAbsoluteUrl("jwks_uri", in.jwksUri(), false);
        }
        String signingAlg = blankToNull(in.tokenEndpointAuthSigningAlg());
        if (signingAlg != null && !SIGNING_ALGS.contains(signingAlg)) {
            throw invalid("Field 'token_endpoint_auth_signing_alg' must be one of " + String.join(", ",
                    SIGNING_ALGS.stream().sorted().toList()) + ".");
        }
        out.tokenEndpointAuthSigningAlg(signingAlg);
        out.redirectUris(redirectUris(in.redirectUris()));
        out.grantTypes(grantTypes(in.grantTypes()));
        out.responseTypes(responseTypes(in.responseTypes()));
        out.scope(in.scope() == null ? defaultScope : String.join(" ", in.scopes()));
        out.audience(nonNull(in.audience()));
        for (String audience : nonNull(in.audience())) {
            requireAbsoluteUrl("audience", audience, false);
        }
        out.allowedCorsOrigins(corsOrigins(in.allowedCorsOrigins()));
        out.contacts(nonNull(in.contacts()));
        out.clientSecretExpiresAt(0L);
        out.clientName(orEmpty(in.clientName()));
        out.owner(orEmpty(in.owner()));
        out.policyUri(optionalUrl("policy_uri", in.policyUri()));
        out.tosUri(optionalUrl("tos_uri", in.tosUri()));
        out.clientUri(optionalUrl("client_uri", in.clientUri()));
        out.logoUri(optionalUrl("logo_uri", in.logoUri()));
        String subjectType = blankToNull(in.subjectType()) == null ? "public" : in.subjectType();
        if (!subjectTypes.contains(subjectType)) {
            throw invalid("Subject type '" + subjectType + "' is not supported by the server; supported: "
                    + String.join(", ", subjectTypes) + ".");
        }
        out.subjectType(subjectType);
        if (blankToNull(in.sectorIdentifierUri()) != null) {
            URI sector = requireAbsoluteUrl("sector_identifier_uri", in.sectorIdentifierUri(), false);
            if (!SectorIdentifierFetcher.allowedScheme(sector)) {
                throw invalid("Field 'sector_identifier_uri' must use https (http only for a loopback host).");
            }
        }
        String userinfoAlg = blankToNull(in.userinfoSignedResponseAlg());
        userinfoAlg = userinfoAlg == null ? "none" : userinfoAlg;
        if (!userinfoAlg.equals("none") && !userinfoAlg.equals("RS256")) {
            throw invalid("Field 'userinfo_signed_response_alg' must be 'none' or 'RS256'.");
        }
        out.userinfoSignedResponseAlg(userinfoAlg);
        String requestAlg = blankToNull(in.requestObjectSigningAlg());
        if (requestAlg != null && !requestAlg.equals("none") && !SIGNING_ALGS.contains(requestAlg)) {
            throw invalid("Field 'request_object_signing_alg' must be 'none' or an RS/PS/ES algorithm.");
        }
        out.requestObjectSigningAlg(requestAlg);
        out.requestUris(emptyToNull(in.requestUris()));
        for (String uri : nonNull(in.requestUris())) {
            requireAbsoluteUrl("request_uris", uri, false);
        }
        out.postLogoutRedirectUris(postLogoutRedirectUris(in.postLogoutRedirectUris(), in.redirectUris()));
        out.frontchannelLogoutUri(blankToNull(in.frontchannelLogoutUri()) == null ? null
                : optionalUrl("frontchannel_logout_uri", in.frontchannelLogoutUri()));
        out.backchannelLogoutUri(blankToNull(in.backchannelLogoutUri()) == null ? null
                : optionalUrl("backchannel_logout_uri", in.backchannelLogoutUri()));
        JsonNode metadata = in.metadata() == null || in.metadata().isNull()
                ? JsonNodeFactory.instance.objectNode() : in.metadata();
        out.metadata(metadata);
        OAuth2Client validated = out.build();
        // Last: the other fields are known good before anything is fetched.
        sectors.check(validated);
        return validated;
    }

    private static List<String> redirectUris(List<String> uris) {
        for (String uri : nonNull(uris)) {
            URI parsed = requireAbsoluteUrl("redirect_uris", uri, true);
            if (parsed.getRawFragment() != null) {
                throw invalid("Redirect URIs must not contain fragments (RFC 6749 §3.1.2): '" + uri + "'.");
            }
        }
        return nonNull(uris);
    }

    /** Only grants the server has (RFC 7591 §2: the server may reject or replace metadata values it lacks). */
    private List<String> grantTypes(List<String> grants) {
        for (String grant : nonNull(grants)) {
            if (!grantTypes.contains(grant)) {
                throw invalid("Grant type '" + grant + "' is not supported; use " + oneOf(grantTypes) + ".");
            }
        }
        return nonNull(grants);
    }

    /** "a, b or c". */
    private static String oneOf(List<String> values) {
        int last = values.size() - 1;
        return last == 0 ? values.get(0) : String.join(", ", values.subList(0, last)) + " or " + values.get(last);
    }

    private static List<String> responseTypes(List<String> types) {
        for (String type : nonNull(types)) {
            String[] words = type.trim().split("\\s+");
            for (String word : words) {
                if (!RESPONSE_TYPE_WORDS.contains(word)) {
                    throw invalid("Response type '" + type + "' is not supported; use code, token, id_token or "
                            + "a space-separated combination.");
                }
            }
        }
        return nonNull(types);
    }

    private static List<String> corsOrigins(List<String> raw) {
        // Hydra stores "https://app.example/" as the bare origin "https://app.example".
        List<String> origins = nonNull(raw).stream()
                .map(o -> o.endsWith("/") && o.indexOf('/', o.indexOf("//") + 2) == o.length() - 1
                        ? o.substring(0, o.length() - 1) : o)
                .toList();
        for (String origin : origins) {
            URI uri = requireAbsoluteUrl("allowed_cors_origins", origin, false);
            boolean bare = (uri.getRawPath() == null || uri.getRawPath().isEmpty()) && uri.getRawQuery() == null
                    && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
            if (!bare || !(uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))) {
                throw invalid("Origin '" + origin + "' must be scheme://host[:port] without path, query, fragment "
                        + "or user info.");
            }
        }
        return origins;
    }

    private static List<String> postLogoutRedirectUris(List<String> uris, List<String> redirectUris) {
        for (String uri : nonNull(uris)) {
            URI logout = requireAbsoluteUrl("post_logout_redirect_uris", uri, true);
            boolean sameOrigin = nonNull(redirectUris).stream().map(URI::create).anyMatch(r ->
                    Objects.equals(r.getScheme(), logout.getScheme()) && Objects.equals(r.getHost(), logout.getHost())
                            && r.getPort() == logout.getPort());
            if (!sameOrigin) {
                throw invalid("Post logout redirect URI '" + uri + "' must match the scheme, host and port of one "
                        + "of the client's redirect URIs.");
            }
        }
        return emptyToNull(uris);
    }

    private static String optionalUrl(String field, String value) {
        if (blankToNull(value) == null) {
            return "";
        }
        requireAbsoluteUrl(field, value, false);
        return value;
    }

    private static URI requireAbsoluteUrl(String field, String value, boolean allowCustomScheme) {
        try {
            URI uri = new URI(value);
            if (!uri.isAbsolute()) {
                throw invalid("Field '" + field + "' must hold absolute URLs, not '" + value + "'.");
            }
            boolean web = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
            if (!allowCustomScheme && !web) {
                throw invalid("Field '" + field + "' must hold http(s) URLs, not '" + value + "'.");
            }
            if (web && (uri.getHost() == null || uri.getHost().isEmpty())) {
                throw invalid("Field '" + field + "' must hold URLs with a host, not '" + value + "'.");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw invalid("Field '" + field + "' holds a value that is not a URL: '" + value + "'.");
        }
    }

    private static OAuth2Exception invalid(String hint) {
        return OAuth2Error.INVALID_CLIENT_METADATA.withHint(hint).toException();
    }

    private static List<String> nonNull(List<String> list) {
        return list == null ? List.of() : list.stream().filter(Objects::nonNull).toList();
    }

    private static List<String> emptyToNull(List<String> list) {
        return list == null || list.isEmpty() ? null : list;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
