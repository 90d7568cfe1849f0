package org.openauthz.authz.oauth2.token;

import com.nimbusds.jose.JOSEObjectType;
import org.openauthz.authz.jwk.KeyService;
import org.openauthz.authz.jwk.KeySetSigner;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * JWT access tokens as Hydra v1.10 issues them with {@code strategies.access_token: jwt}: RS256-signed with the newest
 * key of {@code hydra.jwt.access-token}, claims {@code iss}, {@code sub}, {@code aud} (the granted audience, always an
 * array), {@code exp}, {@code iat}, {@code nbf} (unless excluded), {@code jti}, {@code client_id}, {@code scp} (the
 * granted scopes) and {@code ext} (the consent session's access-token claims), plus the allowed top-level claims
 * copied from {@code ext}. The claims follow Hydra rather than <a href="https://www.rfc-editor.org/rfc/rfc9068">RFC
 * 9068</a> ({@code scp}, not {@code scope}); only the header {@code typ} can be switched to RFC 9068's
 * {@code at+jwt} (§2.1).
 *
 * <p>Resource servers can validate them offline against the published JWKS, but the token is stored all the same,
 * under the hex SHA-384 of its signature part (as Hydra does: the signature is too long for the key column), so
 * introspection tells a revoked token from a good one.
 */
public final class JwtAccessTokens implements AccessTokenFormat, JwtStorageKeys {
    /** Longer presented tokens are not ours: checking them would only cost work. */
    private static final int MAX_TOKEN_LENGTH = 16 * 1024;

    /**
     * @param notBefore      whether to send {@code nbf} (Hydra's {@code oauth2.exclude_not_before_claim} negated)
     * @param topLevelClaims claims of the session's access-token claims also copied to the top level
     * @param type           the header {@code typ}: {@code JWT} as Hydra sends it, or RFC 9068's {@code at+jwt}
     */
    public record Claims(boolean notBefore, List<String> topLevelClaims, JOSEObjectType type) {
        public Claims {
            topLevelClaims = List.copyOf(topLevelClaims);
        }
    }

    private final KeySetSigner signer;
    private final String issuer;
    private final Claims claims;

    public JwtAccessTokens(KeyService keys, String issuer, Claims claims) {
        this.signer = new KeySetSigner(keys, KeyService.ACCESS_TOKEN_SET);
        this.issuer = issuer;
        this.claims = claims;
    }

    @Override
    public Issued issue(Grant grant, Instant issuedAt, Instant expiresAt) {
        Map<String, Object> ext = grant.session() == null ? Map.of() : grant.session().ext();
        Map<String, Object> payload = new LinkedHashMap<>();
        // Copied first, so the server's own claims below replace any of the same name (Hydra v1.10.3).
        for (String name : claims.topLevelClaims()) {
            if (ext.containsKey(name)) {
                payload.put(name, ext.get(name));
            }
        }
        payload.put("iss", issuer);
        payload.put("sub", grant.subject());
        // An array even when empty or with one member, as Hydra writes it.
        payload.put("aud", grant.grantedAudience());
        payload.put("iat", issuedAt.getEpochSecond());
        if (claims.notBefore()) {
            payload.put("nbf", issuedAt.getEpochSecond());
        }
        if (expiresAt != null) {
            payload.put("exp", expiresAt.getEpochSecond());
        }
        // A fresh jti for every token, so a refreshed token never repeats an earlier one.
        payload.put("jti", UUID.randomUUID().toString());
        payload.put("client_id", grant.clientId());
        payload.put("scp", grant.grantedScopes());
        if (grant.dpopJkt() != null) {
            // RFC 9449 §6.1: a DPoP-bound JWT access token names its key's thumbprint.
            payload.put("cnf", Map.of("jkt", grant.dpopJkt()));
        }
        payload.put("ext", ext);
        String token = signer.sign(payload, claims.type());
        return new Issued(token, storageKey(signaturePart(token)));
    }

    /** The storage key of a JWT access token this server signed with a key of the set; expiry is the row's to say. */
    @Override
    public Optional<String> of(String presentedToken) {
        if (presentedToken == null || presentedToken.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        return signer.verified(presentedToken).map(jws -> storageKey(signaturePart(presentedToken)));
    }

    private static String signaturePart(String token) {
        return token.substring(token.lastIndexOf('.') + 1);
    }

    /** Hex SHA-384 of the base64url signature part, as Hydra v1.10 keys JWT access tokens. */
    static String storageKey(String signature) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-384")
                    .digest(signature.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
