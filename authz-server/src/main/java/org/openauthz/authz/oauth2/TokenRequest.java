package org.openauthz.authz.oauth2;

import org.openauthz.authz.oauth2.dpop.DpopProof;

import java.util.List;

/**
 * A parsed token request (RFC 6749 §4.1.3, §4.4.2, §6). Client authentication parameters are read separately by
 * {@link ClientAuthenticator}; the raw parameters stay available for grant-specific fields. {@code dpop} is the
 * verified DPoP proof of the request (RFC 9449 §5), null when it carried none.
 */
public record TokenRequest(String grantType, List<String> scopes, List<String> audience, FormParameters form,
                           DpopProof dpop) {

    public static TokenRequest parse(FormParameters form) {
        String grantType = form.get("grant_type");
        if (grantType == null) {
            throw OAuth2Error.INVALID_REQUEST.withHint("Request parameter 'grant_type' is missing.").toException();
        }
        return new TokenRequest(grantType, form.words("scope"), form.wordsOrRepeated("audience"), form, null);
    }

    public TokenRequest withDpop(DpopProof proof) {
        return new TokenRequest(grantType, scopes, audience, form, proof);
    }

    /** The thumbprint of the proof's key, which new tokens are bound to; null without a proof. */
    public String dpopJkt() {
        return dpop == null ? null : dpop.jkt();
    }
}
