package org.openauthz.authz.client;

import org.openauthz.authz.oauth2.OAuth2Error;
import org.openauthz.authz.oauth2.SpaceDelimited;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whether a client may be registered to receive access tokens from the authorization endpoint: the implicit grant
 * and the hybrid response types that carry a {@code token}. RFC 9700 §2.1.2
 * (<a href="https://www.rfc-editor.org/rfc/rfc9700#section-2.1.2">link</a>) says clients SHOULD NOT use them, since
 * such a token travels through the browser, cannot be sender-constrained and can be injected or leaked. Unless
 * allowed by configuration, a client may not gain such a response type; one it already has stays (decision 0023).
 * Only a client that also has the {@code implicit} grant type counts: without it the authorization endpoint never
 * answers a {@code token} response type (Hydra v1.10's guide registers {@code token} for a client-credentials client).
 */
public final class ImplicitAccessTokenPolicy {
    /** First in the hint, so that clients which shorten long error descriptions (the CLI) still show it. */
    static final String SETTING = "OAUTH2_IMPLICIT_ACCESS_TOKENS_ALLOWED_FOR_NEW_CLIENTS";
    static final String KEY = "oauth2.implicit_access_tokens.allowed_for_new_clients";

    private final boolean allowed;

    public ImplicitAccessTokenPolicy(boolean allowed) {
        this.allowed = allowed;
    }

    /**
     * @param before the stored client before the change, or null when {@code after} is being created
     * @throws org.openauthz.authz.oauth2.OAuth2Exception {@code invalid_client_metadata} when {@code after} could
     *                                                    receive access tokens from the authorization endpoint in a
     *                                                    way {@code before} could not
     */
    public void check(OAuth2Client before, OAuth2Client after) {
        if (allowed) {
            return;
        }
        Set<Set<String>> kept = before == null ? Set.of() : accessTokenResponseTypes(before);
        Set<Set<String>> now = accessTokenResponseTypes(after);
        List<String> gained = after.effectiveResponseTypes().stream()
                .filter(type -> now.contains(words(type)) && !kept.contains(words(type))).toList();
        if (!gained.isEmpty()) {
            throw OAuth2Error.INVALID_CLIENT_METADATA.withHint("Set " + SETTING + "=true (" + KEY + ") to register "
                    + "response type '" + gained.get(0) + "': it returns an access token from the authorization "
                    + "endpoint, which RFC 9700 §2.1.2 advises against; use 'code' with PKCE instead.").toException();
        }
    }

    /** Each response type (as a set of words) that yields an access token at the authorization endpoint. */
    private static Set<Set<String>> accessTokenResponseTypes(OAuth2Client client) {
        if (!client.effectiveGrantTypes().contains("implicit")) {
            return Set.of();
        }
        return client.effectiveResponseTypes().stream()
                .map(ImplicitAccessTokenPolicy::words)
                .filter(words -> words.contains("token"))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** "id_token token" and "token id_token" are one response type (OAuth 2.0 Multiple Response Types §3). */
    private static Set<String> words(String responseType) {
        return Set.copyOf(SpaceDelimited.words(responseType));
    }
}
