package org.openauthz.authz.oauth2.oidc;

import com.nimbusds.jose.JOSEObjectType;
import org.openauthz.authz.jwk.KeyService;
import org.openauthz.authz.jwk.KeySetSigner;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Signs ID tokens (OpenID Connect Core §2, §3.1.3.6) and userinfo JWTs with the newest key of
 * {@code hydra.openid.id-token}, and reads {@code id_token_hint}s we issued. Claims the server sets itself always
 * win over claims from the consent session, as in Hydra v1.10.
 */
public final class IdTokens {
    /** Claims the server owns; a consent session cannot override them. */
    public static final Set<String> RESERVED = Set.of("iss", "sub", "aud", "exp", "iat", "nbf", "auth_time", "nonce", "acr",
            "amr", "azp", "at_hash", "c_hash", "sid", "jti", "rat");

    private final KeySetSigner signer;
    private final String issuer;
    private final Duration ttl;
    private final Clock clock;

    public IdTokens(KeyService keys, String issuer, Duration ttl, Clock clock) {
        this.signer = new KeySetSigner(keys, KeyService.ID_TOKEN_SET);
        this.issuer = issuer;
        this.ttl = ttl;
        this.clock = clock;
    }

    /**
     * An ID token for the client. {@code claims} are the grant's stored ID-token claims (sub, auth_time, nonce, ...);
     * {@code accessToken} and {@code code}, when given, add {@code at_hash} and {@code c_hash} (§3.3.2.11).
     */
    public String sign(String clientId, Map<String, Object> claims, String accessToken, String code) {
        Instant now = clock.instant();
        Map<String, Object> payload = new java.util.LinkedHashMap<>(claims);
        payload.put("iss", issuer);
        // Always an array, even with one audience, as Hydra v1.10 writes it; Nimbus' claims set would flatten it.
        payload.put("aud", List.of(clientId));
        payload.put("iat", now.getEpochSecond());
        payload.put("exp", now.plus(ttl).getEpochSecond());
        payload.put("jti", UUID.randomUUID().toString());
        // OpenID Connect Core §2 (https://openid.net/specs/openid-connect-core-1_0.html#IDToken): nonce is the
        // request's value, and absent when the request had none. Hydra v1.10 sent "" instead (decision 0015);
        // grants stored by earlier versions still hold that "", which is dropped here for every flow and refresh.
        if ("".equals(payload.get("nonce"))) {
            payload.remove("nonce");
        }
        if (accessToken != null) {
            payload.put("at_hash", halfHash(accessToken));
        }
        if (code != null) {
            payload.put("c_hash", halfHash(code));
        }
        return sign(payload);
    }

    /** Signed userinfo response (OpenID Connect Core §5.3.2) with fresh {@code jti} and {@code iat}. */
    public String signUserinfo(Map<String, Object> claims) {
        Map<String, Object> payload = new java.util.LinkedHashMap<>(claims);
        payload.put("iat", clock.instant().getEpochSecond());
        payload.put("jti", UUID.randomUUID().toString());
        return sign(payload);
    }

    /** The {@code events} member of a logout token (OpenID Connect Back-Channel Logout 1.0 §2.4). */
    public static final String BACKCHANNEL_LOGOUT_EVENT = "http://schemas.openid.net/event/backchannel-logout";
    static final Duration LOGOUT_TOKEN_TTL = Duration.ofMinutes(2);

    /**
     * A logout token for one client
     * (<a href="https://openid.net/specs/openid-connect-backchannel-1_0.html#LogoutToken">OpenID Connect
     * Back-Channel Logout 1.0 §2.4</a>), signed like ID tokens: {@code iss}, {@code aud}, {@code iat}, {@code jti},
     * {@code events}, {@code sid}, and {@code sub} when {@code subject} is given (never a {@code nonce}). Hydra v1.10
     * sends no {@code exp}; the final specification requires it, and relying-party libraries reject a token without
     * it, so it is two minutes after {@code iat} (decision 0010).
     */
    public String signLogoutToken(String clientId, String sid, String subject) {
        Map<String, Object> payload = new java.util.LinkedHashMap<>();
        payload.put("iss", issuer);
        payload.put("aud", List.of(clientId));
        long now = clock.instant().getEpochSecond();
        payload.put("iat", now);
        payload.put("exp", now + LOGOUT_TOKEN_TTL.getSeconds());
        payload.put("jti", UUID.randomUUID().toString());
        payload.put("events", Map.of(BACKCHANNEL_LOGOUT_EVENT, Map.of()));
        payload.put("sid", sid);
        if (subject != null) {
            payload.put("sub", subject);
        }
        return sign(payload);
    }

    /** Claims the consent session may add: everything except the reserved ones. */
    public static Map<String, Object> withoutReserved(Map<String, Object> custom) {
        Map<String, Object> out = new java.util.LinkedHashMap<>(custom);
        out.keySet().removeAll(RESERVED);
        return out;
    }

    /**
     * The subject of an {@code id_token_hint} this server signed (OIDC Core §3.1.2.1: it may be expired); empty
     * when it is not ours or not valid.
     */
    public Optional<String> hintSubject(String idTokenHint) {
        return hintClaims(idTokenHint).map(claims -> (String) claims.get("sub"));
    }

    /** The claims of an {@code id_token_hint} this server signed (expired accepted); empty when not ours. */
    public Optional<Map<String, Object>> hintClaims(String idTokenHint) {
        return signer.verified(idTokenHint).map(jws -> jws.getPayload().toJSONObject())
                .filter(claims -> issuer.equals(claims.get("iss")));
    }

    private String sign(Map<String, Object> payload) {
        return signer.sign(payload, JOSEObjectType.JWT);
    }

    /** Left half of SHA-256 of the ASCII value, base64url (OIDC Core §3.1.3.6 at_hash, §3.3.2.11 c_hash). */
    static String halfHash(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, digest.length / 2));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
