package org.openauthz.authz.persistence.hydrav1;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.openauthz.authz.crypto.AeadCipher;
import org.openauthz.authz.crypto.SystemSecrets;
import org.openauthz.authz.oauth2.token.SessionCodec;
import org.openauthz.authz.oauth2.token.TokenRecord;
import org.openauthz.authz.oauth2.token.TokenSession;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Hydra's refresh-token session (fosite's JSON) read into ours: expiry, claims, and what is not there. */
class HydraRefreshTokensTest {
    private static final Instant REQUESTED = Instant.parse("2026-11-01T10:00:00Z");
    private static final String HYDRA_SECRET = "the-old-hydra-system-secret";

    private final ObjectMapper json = new ObjectMapper();
    private final AeadCipher hydra = new AeadCipher(new SystemSecrets(List.of(HYDRA_SECRET)), new SecureRandom());
    private final SessionCodec ours = new SessionCodec(json, new AeadCipher(
            new SystemSecrets(List.of("our-system-secret-0123456789")), new SecureRandom()), false);

    @Test
    void whenTheSessionIsSealedThenItsExpiryAndIdTokenClaimsAreRead() {
        String session = "{\"idToken\":{\"Claims\":{\"Subject\":\"alice\",\"Nonce\":\"n\",\"AuthTime\":"
                + "\"2026-11-01T09:59:00Z\",\"RequestedAt\":\"0001-01-01T00:00:00Z\",\"AuthenticationMethodsReference\":"
                + "\"pwd otp\",\"Extra\":{\"sid\":\"s1\"}},\"ExpiresAt\":{\"refresh_token\":\"2026-12-01T10:00:00Z\"},"
                + "\"Username\":\"\"},\"extra\":{\"team\":\"a\"}}";

        TokenRecord record = tokens(Duration.ofHours(720)).toRecord(row(hydra.encrypt(session), "openid|offline"));

        assertThat(record.expiresAt()).isEqualTo(Instant.parse("2026-12-01T10:00:00Z"));
        TokenSession decoded = ours.decode(record.sessionData());
        assertThat(decoded.ext()).containsEntry("team", "a");
        assertThat(decoded.idTokenClaims()).containsEntry("sub", "alice").containsEntry("nonce", "n")
                .containsEntry("sid", "s1").containsEntry("amr", List.of("pwd", "otp")).doesNotContainKey("rat");
        assertThat(((Number) decoded.idTokenClaims().get("auth_time")).longValue())
                .isEqualTo(Instant.parse("2026-11-01T09:59:00Z").getEpochSecond());
        assertThat(record.grantedScopes()).containsExactly("openid", "offline");
    }

    @Test
    void whenHydraRecordedNoExpiryThenOurRefreshLifespanCountsFromTheRequestAndMinusOneMeansNever() {
        String plain = "{\"idToken\":{\"Claims\":{\"Subject\":\"alice\"}},\"extra\":{}}";

        assertThat(tokens(Duration.ofHours(720)).toRecord(row(plain, "offline")).expiresAt())
                .isEqualTo(REQUESTED.plus(Duration.ofHours(720)));
        assertThat(tokens(Duration.ofSeconds(-1)).toRecord(row(plain, "offline")).expiresAt()).isNull();
        assertThat(ours.decode(tokens(Duration.ofHours(1)).toRecord(row(plain, "offline")).sessionData())
                .idTokenClaims()).as("no openid, no ID token").isEmpty();
    }

    @Test
    void whenTheSessionIsSealedUnderAnotherSecretThenDecryptionFails() {
        String sealed = new AeadCipher(new SystemSecrets(List.of("some-other-secret-000")), new SecureRandom())
                .encrypt("{}");

        assertThatThrownBy(() -> tokens(Duration.ofHours(1)).toRecord(row(sealed, "offline")))
                .isInstanceOf(AeadCipher.DecryptionFailedException.class);
    }

    private HydraRefreshTokens tokens(Duration lifespan) {
        return new HydraRefreshTokens(json, hydra, ours, lifespan);
    }

    private static HydraV1Source.RefreshRow row(String sessionData, String scope) {
        List<String> scopes = HydraV1Source.split(scope);
        return new HydraV1Source.RefreshRow("sig", "req", REQUESTED, "app", scopes, scopes, List.of(), List.of(),
                sessionData, "alice", true, "");
    }
}
