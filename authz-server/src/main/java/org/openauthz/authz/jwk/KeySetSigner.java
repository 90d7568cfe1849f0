package org.openauthz.authz.jwk;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyType;

import java.text.ParseException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signs RS256 JWTs (<a href="https://www.rfc-editor.org/rfc/rfc7515">RFC 7515</a>) with the newest signing key of one
 * key set, naming it in the {@code kid} header, and verifies JWTs signed by any RSA key of that set. ID tokens use
 * {@code hydra.openid.id-token}, JWT access tokens {@code hydra.jwt.access-token}.
 */
public final class KeySetSigner {
    /** Signers and verifiers are kept per key: building one converts the JWK into JCA keys otherwise, every call. */
    private static final int MAX_CACHED_KEYS = 16;

    private final KeyService keys;
    private final String set;
    private final ConcurrentHashMap<JWK, Rs256Signer> signers = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<JWK, JWSVerifier> verifiers = new ConcurrentHashMap<>();

    public KeySetSigner(KeyService keys, String set) {
        this.keys = keys;
        this.set = set;
    }

    /** The compact JWS of {@code claims}, with header {@code alg: RS256}, {@code kid} and {@code typ: type}. */
    public String sign(Map<String, Object> claims, JOSEObjectType type) {
        JWK key = keys.signingKey(set).orElseThrow(() -> new IllegalStateException("no signing key in set " + set));
        try {
            return signer(key).sign(claims, type);
        } catch (JOSEException e) {
            throw new IllegalStateException("signing with set " + set + " failed", e);
        }
    }

    /**
     * The JWS, if it is RS256 and its signature verifies under the set's key named by its {@code kid} (or any RSA key
     * of the set when it names none); empty for anything else, including what does not parse. Claims such as
     * {@code exp} are the caller's to check.
     */
    public Optional<JWSObject> verified(String compact) {
        JWSObject jws;
        try {
            jws = JWSObject.parse(compact);
        } catch (ParseException e) {
            return Optional.empty();
        }
        if (!JWSAlgorithm.RS256.equals(jws.getHeader().getAlgorithm())) {
            return Optional.empty();
        }
        String kid = jws.getHeader().getKeyID();
        for (JWK key : keys.keys(set)) {
            if (key.getKeyType() != KeyType.RSA || (kid != null && !kid.equals(key.getKeyID()))) {
                continue;
            }
            try {
                if (jws.verify(verifier(key))) {
                    return Optional.of(jws);
                }
            } catch (JOSEException | IllegalStateException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private Rs256Signer signer(JWK key) {
        return cached(signers, key, () -> new Rs256Signer(key, keys.rsaSigning()));
    }

    private JWSVerifier verifier(JWK key) {
        return cached(verifiers, key, () -> new RSASSAVerifier(key.toRSAKey().toRSAPublicKey()));
    }

    private interface Builder<T> {
        T build() throws JOSEException;
    }

    private static <T> T cached(ConcurrentHashMap<JWK, T> cache, JWK key, Builder<T> builder) {
        // Keys are few and rotate rarely; dropping everything now and then bounds the maps without bookkeeping.
        if (cache.size() > MAX_CACHED_KEYS) {
            cache.clear();
        }
        return cache.computeIfAbsent(key, k -> {
            try {
                return builder.build();
            } catch (JOSEException e) {
                throw new IllegalStateException("cannot use key " + key.getKeyID(), e);
            }
        });
    }
}
