package org.openauthz.authz.oauth2;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import org.openauthz.authz.client.OAuth2Client;

import java.security.PublicKey;
import java.text.ParseException;
import java.util.function.Function;

/**
 * Checks a JWT a client signed (a {@code private_key_jwt} assertion, RFC 7523 §3; a request object, RFC 9101 §6.2)
 * against the public keys the client registered: {@code jwks}, or else the set at its {@code jwks_uri} (OpenID
 * Connect Registration §2). Each failure is {@code error} with a hint naming {@code what} was checked.
 */
public final class ClientKeys {
    private final Function<String, JWKSet> jwksUriFetcher;

    public ClientKeys(Function<String, JWKSet> jwksUriFetcher) {
        this.jwksUriFetcher = jwksUriFetcher;
    }

    public void verify(SignedJWT jwt, OAuth2Client client, OAuth2Error error, String what) {
        JWKSet keys = keysOf(client, error, what);
        String kid = jwt.getHeader().getKeyID();
        for (JWK key : keys.getKeys()) {
            if ((kid != null && !kid.equals(key.getKeyID())) || !(key instanceof AsymmetricJWK asymmetric)) {
                continue;
            }
            try {
                PublicKey publicKey = asymmetric.toPublicKey();
                JWSVerifier verifier = new DefaultJWSVerifierFactory().createJWSVerifier(jwt.getHeader(), publicKey);
                if (jwt.verify(verifier)) {
                    return;
                }
            } catch (JOSEException e) {
                // a key of another type: try the next one
            }
        }
        throw error.withHint("The " + what + " signature does not verify with any of the client's keys.")
                .toException();
    }

    private JWKSet keysOf(OAuth2Client client, OAuth2Error error, String what) {
        try {
            if (client.jwks() != null && !client.jwks().isNull()) {
                return JWKSet.parse(client.jwks().toString());
            }
            if (client.jwksUri() != null && !client.jwksUri().isEmpty()) {
                return jwksUriFetcher.apply(client.jwksUri());
            }
        } catch (ParseException e) {
            throw error.withHint("The client's registered jwks is not a JSON Web Key Set.").toException();
        } catch (OAuth2Exception e) {
            // JwksUriFetcher says why the fetch failed; keep that reason under this check's own error name.
            throw error.withHint(e.error().hint()).toException();
        } catch (RuntimeException e) {
            throw error.withHint("The client's jwks_uri could not be fetched.").toException();
        }
        throw error.withHint("The OAuth 2.0 Client has no jwks or jwks_uri to check the " + what + " with.")
                .toException();
    }
}
