package org.openauthz.authz.oauth2.authorize;

import org.openauthz.authz.oauth2.FormParameters;
import org.openauthz.authz.oauth2.OAuth2Error;
import org.openauthz.authz.oauth2.ResourceIndicators;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The parameters of an authorization request (RFC 6749 §4.1.1, §4.2.1; OpenID Connect Core §3.1.2.1), parsed at the
 * edge. Validation against the client happens in {@link AuthorizeRequestValidator}. {@code dpopJkt} is the
 * thumbprint of the DPoP key the code is to be bound to (RFC 9449 §10), null when not asked for.
 */
public record AuthorizationRequest(
        Set<String> responseTypes,
        String clientId,
        String redirectUri,
        List<String> scopes,
        String state,
        String nonce,
        Set<String> prompt,
        Integer maxAge,
        String idTokenHint,
        String loginHint,
        List<String> acrValues,
        List<String> uiLocales,
        String display,
        String responseMode,
        String codeChallenge,
        String codeChallengeMethod,
        List<String> audience,
        boolean hasRequestObject,
        boolean hasRequestUri,
        boolean hasRegistration,
        List<String> resources,
        String dpopJkt) {

    public static AuthorizationRequest parse(FormParameters form) {
        String maxAge = form.get("max_age");
        Integer parsedMaxAge = null;
        if (maxAge != null) {
            try {
                parsedMaxAge = Integer.parseInt(maxAge);
                if (parsedMaxAge < 0) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                // OIDC Core §3.1.2.1: max_age is a number of seconds.
                throw OAuth2Error.INVALID_REQUEST.withHint("Parameter 'max_age' must be a non-negative number of "
                        + "seconds.").toException();
            }
        }
        return new AuthorizationRequest(new LinkedHashSet<>(form.words("response_type")), form.get("client_id"),
                form.get("redirect_uri"), form.words("scope"), form.get("state"), form.get("nonce"),
                new LinkedHashSet<>(form.words("prompt")), parsedMaxAge, form.get("id_token_hint"),
                form.get("login_hint"), form.words("acr_values"), form.words("ui_locales"), form.get("display"),
                form.get("response_mode"), form.get("code_challenge"), form.get("code_challenge_method"),
                form.wordsOrRepeated("audience"), form.get("request") != null, form.get("request_uri") != null,
                form.get("registration") != null, ResourceIndicators.parse(form), dpopJkt(form));
    }

    /** A JWK SHA-256 thumbprint is 32 bytes, base64url without padding: 43 characters (RFC 9449 §10, RFC 7638). */
    private static String dpopJkt(FormParameters form) {
        String jkt = form.get("dpop_jkt");
        if (jkt != null && !jkt.matches("[A-Za-z0-9_-]{43}")) {
            throw OAuth2Error.INVALID_REQUEST.withHint("Parameter 'dpop_jkt' must be the base64url SHA-256 JWK "
                    + "thumbprint of the DPoP key.").toException();
        }
        return jkt;
    }

    /**
     * The audience the access token is asked for: the {@code audience} parameter (Hydra's) and the
     * {@code resource} parameters (RFC 8707 §2), together.
     */
    public List<String> requestedAudience() {
        return ResourceIndicators.joined(audience, resources);
    }

    public boolean isCodeOnly() {
        return responseTypes.equals(Set.of("code"));
    }

    public boolean returnsIdToken() {
        return responseTypes.contains("id_token");
    }

    public boolean returnsCode() {
        return responseTypes.contains("code");
    }

    public boolean returnsAccessToken() {
        return responseTypes.contains("token");
    }

    public boolean isOpenId() {
        return scopes.contains("openid");
    }
}
