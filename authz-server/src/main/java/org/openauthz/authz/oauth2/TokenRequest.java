package org.openauthz.authz.oauth2;

import java.util.List;

/**
 * A parsed token request (RFC 6749 §4.1.3, §4.4.2, §6). Client authentication parameters are read separately by
 * {@link ClientAuthenticator}; the raw parameters stay available for grant-specific fields.
 */
public record TokenRequest(String grantType, List<String> scopes, List<String> audience, FormParameters form) {

    public static TokenRequest parse(FormParameters form) {
        String grantType = form.get("grant_type");
        if (grantType == null) {
            throw OAuth2Error.INVALID_REQUEST.withHint("Request parameter 'grant_type' is missing.").toException();
        }
        return new TokenRequest(grantType, form.words("scope"), form.wordsOrRepeated("audience"), form);
    }
}
