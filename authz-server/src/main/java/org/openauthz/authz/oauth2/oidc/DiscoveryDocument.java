package org.openauthz.authz.oauth2.oidc;

import org.openauthz.authz.client.ClientAssertionAlgorithms;
import org.openauthz.authz.config.ServerSettings;
import org.openauthz.authz.oauth2.GrantTypes;
import org.openauthz.authz.oauth2.authorize.RequestObjects;
import org.openauthz.authz.oauth2.pkce.Pkce;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OpenID Provider metadata (OpenID Connect Discovery 1.0 §3, RFC 8414 §2) with Hydra v1.10's values
 * (docs/decisions/0004-hydra-quirks-fixed.md lists the differences). Differences on purpose:
 * {@code code_challenge_methods_supported} lists only S256 (RFC 9700 §2.1.1; plain is refused), and
 * {@code response_modes_supported} includes form_post, which works; {@code dpop_signing_alg_values_supported}
 * (RFC 9449 §5.1) is ours.
 */
public final class DiscoveryDocument {
    private final Map<String, Object> document;

    public DiscoveryDocument(ServerSettings settings, GrantTypes grantTypes) {
        ServerSettings.Urls urls = settings.urls();
        ServerSettings.Discovery overrides = settings.oidc().discovery();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("issuer", urls.issuer().toString());
        doc.put("authorization_endpoint", or(overrides.authUrl(), urls.publicUrl("oauth2/auth")));
        doc.put("token_endpoint", tokenEndpoint(settings));
        doc.put("jwks_uri", or(overrides.jwksUrl(), urls.issuerUrl(".well-known/jwks.json")));
        // As Hydra: the override is advertised as it is (e.g. another registration service); without one, our own
        // endpoint when registration is enabled (OpenID Connect Discovery 1.0 §3).
        if (overrides.registrationUrl() != null && !overrides.registrationUrl().isEmpty()) {
            doc.put("registration_endpoint", overrides.registrationUrl());
        } else if (settings.registration().enabled()) {
            doc.put("registration_endpoint", urls.publicUrl("oauth2/register"));
        }
        doc.put("subject_types_supported", settings.oidc().subjectTypes());
        doc.put("response_types_supported", List.of("code", "code id_token", "id_token", "token id_token", "token",
                "token id_token code"));
        List<String> claims = new ArrayList<>(List.of("sub"));
        claims.addAll(settings.oidc().extraClaims());
        doc.put("claims_supported", claims);
        doc.put("grant_types_supported", grantTypes.all());
        doc.put("response_modes_supported", List.of("query", "fragment", "form_post"));
        doc.put("userinfo_endpoint", userinfoEndpoint(settings));
        List<String> scopes = new ArrayList<>(List.of("offline_access", "offline", "openid"));
        scopes.addAll(settings.oidc().extraScopes());
        doc.put("scopes_supported", scopes);
        doc.put("token_endpoint_auth_methods_supported", List.of("client_secret_post", "client_secret_basic",
                "private_key_jwt", "none"));
        // RFC 8414 §2: required when private_key_jwt is listed; the algorithms client assertions are verified with.
        doc.put("token_endpoint_auth_signing_alg_values_supported", ClientAssertionAlgorithms.SUPPORTED);
        doc.put("userinfo_signing_alg_values_supported", List.of("none", "RS256"));
        doc.put("id_token_signing_alg_values_supported", List.of("RS256"));
        // Signed request objects by value (RFC 9101, OIDC Core §6.1); by reference only through PAR's request_uri,
        // so no request_uri is fetched (OIDC Core §6.2 is not supported).
        doc.put("request_parameter_supported", true);
        doc.put("request_object_signing_alg_values_supported", RequestObjects.ALGORITHMS);
        doc.put("request_uri_parameter_supported", false);
        doc.put("require_request_uri_registration", true);
        doc.put("claims_parameter_supported", false);
        doc.put("revocation_endpoint", urls.issuerUrl("oauth2/revoke"));
        // End-session, front- and back-channel logout with sid (OpenID Connect RP-Initiated, Front-Channel and
        // Back-Channel Logout 1.0): consent.EndSession, decision 0010.
        doc.put("backchannel_logout_supported", true);
        doc.put("backchannel_logout_session_supported", true);
        doc.put("frontchannel_logout_supported", true);
        doc.put("frontchannel_logout_session_supported", true);
        doc.put("end_session_endpoint", urls.issuerUrl("oauth2/sessions/logout"));
        doc.put("code_challenge_methods_supported", List.of(Pkce.S256));
        // RFC 9126 §5: the pushed authorization request endpoint, and whether every client must use it.
        doc.put("pushed_authorization_request_endpoint", pushedAuthorizationRequestEndpoint(settings));
        doc.put("require_pushed_authorization_requests", settings.pushedRequests().required());
        // RFC 9207 §3: every authorization response and error sent to a redirect URI carries iss.
        doc.put("authorization_response_iss_parameter_supported", true);
        // RFC 8628 §4: not in Hydra v1.10, which has no device grant.
        doc.put("device_authorization_endpoint", urls.publicUrl("oauth2/device/auth"));
        // RFC 9449 §5.1: the algorithms a DPoP proof may be signed with (not in Hydra).
        doc.put("dpop_signing_alg_values_supported", org.openauthz.authz.oauth2.dpop.DpopVerifier.ALGORITHMS);
        this.document = java.util.Collections.unmodifiableMap(doc);
    }

    public Map<String, Object> asMap() {
        return document;
    }

    /** The token endpoint clients are told to call, which their DPoP proofs name (RFC 9449 §4.3). */
    public static String tokenEndpoint(ServerSettings settings) {
        return or(settings.oidc().discovery().tokenUrl(), settings.urls().publicUrl("oauth2/token"));
    }

    /** The pushed authorization request endpoint, which DPoP proofs sent to it name (RFC 9449 §10.1). */
    public static String pushedAuthorizationRequestEndpoint(ServerSettings settings) {
        return settings.urls().publicUrl("oauth2/par");
    }

    /** The userinfo endpoint clients are told to call. */
    public static String userinfoEndpoint(ServerSettings settings) {
        return or(settings.oidc().discovery().userinfoUrl(), settings.urls().publicUrl("userinfo"));
    }

    private static String or(String override, String computed) {
        return override == null || override.isEmpty() ? computed : override;
    }
}
