package org.openauthz.authz.oauth2.dpop;

import org.openauthz.authz.oauth2.OAuth2Error;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;

/**
 * A code or refresh token bound to a DPoP key may only be redeemed with a proof of that key:
 * <a href="https://www.rfc-editor.org/rfc/rfc9449#section-5">RFC 9449 §5</a> (refresh tokens of public clients) and
 * <a href="https://www.rfc-editor.org/rfc/rfc9449#section-10">§10</a> (codes of a request with {@code dpop_jkt}).
 */
public final class DpopBinding {
    private DpopBinding() {
    }

    /**
     * @param boundJkt the thumbprint the stored code or token is bound to, null when unbound
     * @param proof    the request's verified proof, null when it had none
     * @param what     "authorization code" or "refresh token", for the hint
     */
    public static void requireSameKey(String boundJkt, DpopProof proof, String what) {
        if (boundJkt == null) {
            return;
        }
        if (proof == null) {
            throw OAuth2Error.INVALID_DPOP_PROOF.withHint("The " + what + " is bound to a DPoP key; send a DPoP "
                    + "proof signed with that key.").toException();
        }
        if (!matches(boundJkt, proof)) {
            throw OAuth2Error.INVALID_GRANT.withHint("The " + what + " is bound to another DPoP key than the one "
                    + "of the DPoP proof.").toException();
        }
    }

    /** True when a token bound to {@code boundJkt} may be used with {@code proof} (both null: a bearer token). */
    public static boolean matches(String boundJkt, DpopProof proof) {
        if (boundJkt == null || proof == null) {
            return boundJkt == null && proof == null;
        }
        return MessageDigest.isEqual(boundJkt.getBytes(StandardCharsets.US_ASCII),
                proof.jkt().getBytes(StandardCharsets.US_ASCII));
    }
}
