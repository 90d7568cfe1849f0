package org.openauthz.authz.jwk;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.Base64;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * RS256 compact JWS (<a href="https://www.rfc-editor.org/rfc/rfc7515#section-7.1">RFC 7515 §7.1</a>) with one RSA
 * key, as Nimbus' {@code JWSObject.sign} and {@code serialize} make it (the same header; the claims in the caller's
 * order), at less cost per token: the
 * encoded header is made once per {@code typ}, the payload and signature are encoded with the JDK's base64url
 * (Nimbus' codec is constant-time, which only secrets need: a JWS is public), and initialised {@link Signature}s
 * are reused. The private key is the JWK's CRT form, so it is signed with the Chinese remainder theorem, natively
 * where {@link RsaSigning} can.
 */
final class Rs256Signer {
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final JWK key;
    private final RsaSigning.Signer signer;
    private final Map<JOSEObjectType, String> headers = new ConcurrentHashMap<>();
    /** Initialised signers not in use: a {@link Signature} is not thread-safe, and after {@code sign} it is reusable. */
    private final Queue<Signature> idle = new ConcurrentLinkedQueue<>();

    Rs256Signer(JWK key, RsaSigning signing) throws JOSEException {
        if (!(key instanceof RSAKey rsa) || !rsa.isPrivate()) {
            throw new JOSEException("RS256 needs a private RSA key");
        }
        this.key = key;
        try {
            this.signer = signing.signer(rsa.toPrivateKey(), rsa.toPublicKey());
        } catch (GeneralSecurityException e) {
            throw new JOSEException("RS256 signing is not available for this key", e);
        }
        sign(Map.of(), JOSEObjectType.JWT); // fails here, once, for a key that cannot be signed with
    }

    String sign(Map<String, Object> claims, JOSEObjectType type) throws JOSEException {
        String header = headers.computeIfAbsent(type, t -> new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(key.getKeyID()).type(t).build().toBase64URL().toString());
        String input = header + '.' + BASE64URL.encodeToString(JSONObjectUtils.toJSONString(claims)
                .getBytes(StandardCharsets.UTF_8));
        Signature signature = idle.poll();
        try {
            if (signature == null) {
                signature = signer.newSignature();
            }
            signature.update(input.getBytes(StandardCharsets.US_ASCII));
            String signed = input + '.' + BASE64URL.encodeToString(signature.sign());
            idle.offer(signature);
            return signed;
        } catch (GeneralSecurityException e) {
            throw new JOSEException("RS256 signing failed", e);
        }
    }
}
