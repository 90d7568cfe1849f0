package org.openauthz.authz.jwk;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.KeyUse;

import java.time.Instant;

/** A decrypted key of a set and the moment from which it may sign ({@link StoredKey#useFrom()}). */
public record PublishedKey(JWK jwk, Instant useFrom) {
    /** Only a private RSA key meant for signatures signs: ID tokens and JWT access tokens are RS256. */
    public boolean canSign() {
        return jwk.isPrivate() && jwk.getKeyType() == KeyType.RSA
                && (jwk.getKeyUse() == null || KeyUse.SIGNATURE.equals(jwk.getKeyUse()));
    }

    public boolean usableAt(Instant now) {
        return !useFrom.isAfter(now);
    }

    public String kid() {
        return jwk.getKeyID();
    }
}
