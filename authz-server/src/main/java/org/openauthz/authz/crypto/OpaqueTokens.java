package org.openauthz.authz.crypto;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Opaque tokens as Hydra v1 (fosite's HMAC strategy) makes them: {@code base64url(key) "." base64url(signature)} where
 * key is 32 random bytes and signature is HMAC-SHA-512/256 of the key under the system secret. Only the signature is
 * stored, so a database leak reveals no usable token (RFC 6819 §5.1.4.1.3).
 */
public final class OpaqueTokens {
    private static final int KEY_BYTES = 32;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final List<SecretKeySpec> keys;
    private final SecureRandom random;
    /** One keyed Mac per secret and thread: Mac lookup and key setup cost more than the HMAC itself. */
    private final ThreadLocal<Mac[]> macs;

    public OpaqueTokens(SystemSecrets secrets, SecureRandom random) {
        this.keys = secrets.all().stream().map(k -> new SecretKeySpec(k, "HmacSHA512/256")).toList();
        this.random = random;
        this.macs = ThreadLocal.withInitial(() -> keys.stream().map(OpaqueTokens::newMac).toArray(Mac[]::new));
    }

    /** A fresh token and the signature under which it is stored. */
    public record Minted(String token, String signature) {
    }

    public Minted mint() {
        byte[] key = new byte[KEY_BYTES];
        random.nextBytes(key);
        String signature = ENCODER.encodeToString(macs.get()[0].doFinal(key));
        return new Minted(ENCODER.encodeToString(key) + "." + signature, signature);
    }

    /**
     * The HMAC of a short secret under the current system secret, as stored in place of it: for values a person
     * types (device user codes), which cannot carry their own signature and whose small space a plain hash would not
     * protect if the database leaked.
     */
    public String keyedHash(String value) {
        return ENCODER.encodeToString(macs.get()[0].doFinal(value.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /**
     * The storage key of a presented token, if its signature verifies under one of the system secrets; empty for
     * anything malformed or forged, which callers answer like an unknown token.
     */
    public Optional<String> verifiedSignature(String token) {
        if (token == null || token.length() > 200) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.') || dot == token.length() - 1) {
            return Optional.empty();
        }
        byte[] key;
        byte[] presented;
        try {
            key = DECODER.decode(token.substring(0, dot));
            presented = DECODER.decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        for (Mac mac : macs.get()) {
            if (MessageDigest.isEqual(mac.doFinal(key), presented)) {
                // The stored key is the signature as the current secret makes it; under a rotated secret it is the
                // presented one, which is what was stored when the token was minted.
                return Optional.of(token.substring(dot + 1));
            }
        }
        return Optional.empty();
    }

    private static Mac newMac(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA512/256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA512/256 is unavailable", e);
        }
    }
}
