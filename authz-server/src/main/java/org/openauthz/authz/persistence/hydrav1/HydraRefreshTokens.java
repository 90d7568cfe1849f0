package org.openauthz.authz.persistence.hydrav1;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.openauthz.authz.crypto.AeadCipher;
import org.openauthz.authz.oauth2.token.SessionCodec;
import org.openauthz.authz.oauth2.token.TokenRecord;
import org.openauthz.authz.oauth2.token.TokenSession;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns Hydra's refresh-token rows into ours. The token a client holds is {@code key "." HMAC(key)} under the system
 * secret, and Hydra stores only the HMAC, exactly as this server does (same HMAC-SHA-512/256, same key derivation), so
 * the stored signature is carried unchanged and the client's token verifies here as long as the source's system
 * secret is one of ours. The session (Hydra's {@code session_data}, AES-GCM-sealed under the source secret) is read
 * for what our grant needs: the access-token claims, the ID-token claims re-issued on refresh
 * (<a href="https://openid.net/specs/openid-connect-core-1_0.html#RefreshTokenResponse">OpenID Connect Core
 * §12.2</a>), and the expiry.
 */
final class HydraRefreshTokens {
    /** Go's zero time, which Hydra writes for "not set". */
    private static final Instant GO_ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

    private final ObjectMapper json;
    private final AeadCipher sourceCipher;
    private final SessionCodec ourSessions;
    private final Duration defaultLifespan;

    /** {@code defaultLifespan} (our {@code ttl.refresh_token}) applies when Hydra's session has no expiry. */
    HydraRefreshTokens(ObjectMapper json, AeadCipher sourceCipher, SessionCodec ourSessions, Duration defaultLifespan) {
        this.json = json;
        this.sourceCipher = sourceCipher;
        this.ourSessions = ourSessions;
        this.defaultLifespan = defaultLifespan;
    }

    /**
     * @throws IllegalArgumentException when the session cannot be read
     * @throws AeadCipher.DecryptionFailedException when the source secret does not open the session
     */
    TokenRecord toRecord(HydraV1Source.RefreshRow row) {
        JsonNode session = session(row.sessionData());
        JsonNode idToken = session.path("idToken");
        Instant expiresAt = time(idToken.path("ExpiresAt").path("refresh_token"));
        if (expiresAt == null && !defaultLifespan.isNegative()) {
            expiresAt = row.requestedAt().plus(defaultLifespan);
        }
        Map<String, Object> ext = json.convertValue(session.path("extra"), MAP);
        Map<String, Object> idClaims = row.grantedScope().contains("openid") ? idTokenClaims(idToken.path("Claims"))
                : Map.of();
        String username = idToken.path("Username").asText("");
        TokenSession ours = new TokenSession(ext, idClaims, username.isEmpty() ? null : username);
        return new TokenRecord(row.signature(), row.requestId(), row.clientId(), row.subject(), row.requestedAt(),
                expiresAt, row.grantedScope(), row.scope(), row.grantedAudience(), row.requestedAudience(),
                row.active(), ourSessions.encode(ours), row.challengeId() == null || row.challengeId().isEmpty() ? null
                : row.challengeId());
    }

    private static final com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>> MAP =
            new com.fasterxml.jackson.core.type.TypeReference<>() {
            };

    /** The claims our ID tokens are built from, named as in the token (fosite's Go field names in Hydra's session). */
    private Map<String, Object> idTokenClaims(JsonNode claims) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> extra = json.convertValue(claims.path("Extra"), MAP);
        if (extra != null) {
            out.putAll(extra);
        }
        putText(out, "sub", claims.path("Subject"));
        putText(out, "nonce", claims.path("Nonce"));
        putText(out, "acr", claims.path("AuthenticationContextClassReference"));
        putTime(out, "auth_time", claims.path("AuthTime"));
        putTime(out, "rat", claims.path("RequestedAt"));
        JsonNode amr = claims.path("AuthenticationMethodsReference");
        if (amr.isArray() && !amr.isEmpty()) {
            out.put("amr", json.convertValue(amr, List.class));
        } else if (amr.isTextual() && !amr.asText().isEmpty()) {
            out.put("amr", List.of(amr.asText().split(" ")));
        }
        return out;
    }

    private JsonNode session(String sessionData) {
        if (sessionData == null || sessionData.isBlank()) {
            return json.createObjectNode();
        }
        String plain = sessionData.startsWith("{") ? sessionData : sourceCipher.decryptToString(sessionData);
        try {
            return json.readTree(plain);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("its session_data is not JSON");
        }
    }

    private static void putText(Map<String, Object> out, String claim, JsonNode value) {
        if (value.isTextual() && !value.asText().isEmpty()) {
            out.put(claim, value.asText());
        }
    }

    private static void putTime(Map<String, Object> out, String claim, JsonNode value) {
        Instant time = time(value);
        if (time != null) {
            out.put(claim, time.getEpochSecond());
        }
    }

    private static Instant time(JsonNode value) {
        if (!value.isTextual()) {
            return null;
        }
        try {
            Instant time = java.time.OffsetDateTime.parse(value.asText()).toInstant();
            return time.equals(GO_ZERO_TIME) ? null : time;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
