package org.openauthz.authz.jwk;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import org.junit.jupiter.api.Test;
import org.openauthz.authz.consent.MutableClock;
import org.openauthz.authz.crypto.AeadCipher;
import org.openauthz.authz.crypto.SystemSecrets;
import org.openauthz.authz.oauth2.OAuth2Exception;
import org.openauthz.authz.persistence.memory.InMemoryDatabase;
import org.openauthz.authz.persistence.memory.InMemoryKeyStore;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * JSON Web Key sets (RFC 7517) sealed at rest with the system secret (docs/security.md): the ID-token set is
 * created at startup, the newest key signs, and the public JWKS never shows private or symmetric material.
 */
class KeyServiceTest {
    private static final String SECRET = "the-system-secret-0123456789";
    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    private final InMemoryKeyStore store = new InMemoryKeyStore(new InMemoryDatabase());
    private final KeyGenerator generator = new KeyGenerator(2048);

    private KeyService service(Instant now, String... secrets) {
        return new KeyService(store, new AeadCipher(new SystemSecrets(List.of(secrets)), new SecureRandom()),
                generator, Clock.fixed(now, ZoneOffset.UTC));
    }

    private final KeyService keys = service(T0, SECRET);

    @Test
    void whenSigningKeyIsEnsuredThenOneRs256KeyOf2048BitsIsCreatedOnce() {
        keys.ensureSigningKey(KeyService.ID_TOKEN_SET, "RS256");
        keys.ensureSigningKey(KeyService.ID_TOKEN_SET, "RS256");
        service(T0.plusSeconds(60), SECRET).ensureSigningKey(KeyService.ID_TOKEN_SET, "RS256");

        List<JWK> set = keys.keys(KeyService.ID_TOKEN_SET);
        assertThat(set).hasSize(1);
        assertThat(store.list(KeyService.ID_TOKEN_SET)).hasSize(1);
        JWK key = set.get(0);
        assertThat(key).isInstanceOf(RSAKey.class);
        assertThat(key.getAlgorithm().getName()).isEqualTo("RS256");
        assertThat(key.getKeyUse()).isEqualTo(KeyUse.SIGNATURE);
        assertThat(key.size()).isEqualTo(2048);
        assertThat(key.isPrivate()).isTrue();
        assertThat(key.getKeyID()).isNotBlank();
    }

    @Test
    void whenSetHasSeveralKeysThenTheNewestOneSigns() {
        service(T0, SECRET).create("set", "RS256", "old", "sig");
        service(T0.plusSeconds(60), SECRET).create("set", "RS256", "new", "sig");

        KeyService reader = service(T0.plusSeconds(120), SECRET);

        assertThat(reader.signingKey("set")).map(JWK::getKeyID).contains("new");
        assertThat(reader.keys("set")).extracting(JWK::getKeyID).containsExactly("new", "old");
    }

    @Test
    void whenNewestKeyIsForEncryptionThenTheNewestSignatureKeySigns() {
        // KeyService#signingKey: "the newest private signing key"; a key with "use":"enc" must not sign
        // (RFC 7517 §4.2: "enc" keys are for encrypting data).
        service(T0, SECRET).create("set", "RS256", "signing", "sig");
        service(T0.plusSeconds(60), SECRET).create("set", "RS256", "encryption", "enc");

        assertThat(service(T0, SECRET).signingKey("set")).map(JWK::getKeyID).contains("signing");
    }

    @Test
    void whenSetIsEmptyThenNoSigningKey() {
        assertThat(keys.signingKey("nothing-here")).isEmpty();
        assertThat(keys.keys("nothing-here")).isEmpty();
    }

    @Test
    void whenPublicKeysArePublishedThenPrivatePartsAndSymmetricKeysAreLeftOut() {
        // RFC 7517 §9.2: private and symmetric keys (members d, p, q, ..., k) must not be disclosed.
        keys.create("set", "RS256", "rsa", "sig");
        keys.create("set", "ES256", "ec", "sig");
        keys.create("set", "HS256", "hmac", "sig");

        JWKSet published = keys.publicKeys(List.of("set"));

        assertThat(published.getKeys()).extracting(JWK::getKeyID).containsExactlyInAnyOrder("rsa", "ec");
        assertThat(published.getKeys()).noneMatch(JWK::isPrivate);
        String json = published.toString(false);
        assertThat(json).doesNotContain("\"d\"").doesNotContain("\"p\"").doesNotContain("\"k\"");
    }

    @Test
    void whenSeveralSetsArePublishedThenAllTheirPublicKeysAppear() {
        keys.create("a", "RS256", "a1", "sig");
        keys.create("b", "ES256", "b1", "sig");

        assertThat(keys.publicKeys(List.of("a", "b", "missing")).getKeys()).extracting(JWK::getKeyID)
                .containsExactlyInAnyOrder("a1", "b1");
    }

    @Test
    void whenKeyIsStoredThenItsDataIsSealedNotPlaintextJson() {
        // Every JWK, private and public alike, is AES-GCM sealed in hydra_jwk.keydata.
        keys.create("set", "RS256", "rsa", "sig");

        StoredKey stored = store.find("set", "rsa").orElseThrow();

        assertThat(stored.sealedJwk()).doesNotContain("\"d\"").doesNotContain("{");
        assertThat(stored.createdAt()).isEqualTo(T0);
    }

    @Test
    void whenSystemSecretDiffersFromTheOneThatSealedTheKeysThenKeyDecryptionException() {
        // A changed secret without the old one makes keys undecryptable; the server must refuse.
        keys.ensureSigningKey(KeyService.ID_TOKEN_SET, "RS256");
        KeyService wrongSecret = service(T0, "another-system-secret-0123");

        assertThatThrownBy(() -> wrongSecret.keys(KeyService.ID_TOKEN_SET))
                .isInstanceOf(KeyService.KeyDecryptionException.class)
                .hasMessageContaining("SECRETS_SYSTEM")
                .hasMessageContaining(KeyService.ID_TOKEN_SET);
        assertThatThrownBy(() -> wrongSecret.ensureSigningKey(KeyService.ID_TOKEN_SET, "RS256"))
                .isInstanceOf(KeyService.KeyDecryptionException.class);
    }

    @Test
    void whenSecretIsRotatedWithTheOldOneKeptThenKeysStillOpen() {
        keys.ensureSigningKey(KeyService.ID_TOKEN_SET, "RS256");

        KeyService rotated = service(T0, "a-brand-new-system-secret-0123", SECRET);

        assertThat(rotated.keys(KeyService.ID_TOKEN_SET)).hasSize(1);
    }

    @Test
    void whenAlgorithmIsUnknownThenInvalidRequestAndNothingStored() {
        OAuth2Exception e = catchThrowableOfType(OAuth2Exception.class, () -> keys.create("set", "RS1024", "k", "sig"));

        assertThat(e.error().error()).isEqualTo("invalid_request");
        assertThat(e.error().hint()).contains("RS1024");
        assertThat(store.list("set")).isEmpty();
    }

    @Test
    void whenUseIsUnknownThenInvalidRequest() {
        OAuth2Exception e = catchThrowableOfType(OAuth2Exception.class, () -> keys.create("set", "RS256", "k", "wrap"));

        assertThat(e.error().error()).isEqualTo("invalid_request");
    }

    @Test
    void whenKidExistsInTheSetThenConflict409AndTheFirstKeyIsKept() {
        JWK first = keys.create("set", "ES256", "dup", "sig");

        OAuth2Exception e = catchThrowableOfType(OAuth2Exception.class,
                () -> keys.create("set", "ES256", "dup", "sig"));

        assertThat(e.error().error()).isEqualTo("Conflict");
        assertThat(e.error().status()).isEqualTo(409);
        assertThat(keys.find("set", "dup")).map(JWK::toJSONString).contains(first.toJSONString());
    }

    @Test
    void whenKidIsNotGivenThenAUuidIsUsed() {
        JWK key = keys.create("set", "ES256", null, "sig");

        assertThat(key.getKeyID()).hasSize(36);
    }

    @Test
    void whenSetIsReplacedThenTheFirstGivenKeyIsNewestAndSigns() {
        // RS256: the signing key of a set is always an RSA signature key (ID tokens are RS256).
        JWK a = generator.generate("RS256", "a", "sig");
        JWK b = generator.generate("RS256", "b", "sig");
        keys.create("set", "RS256", "old", "sig");

        keys.replaceSet("set", List.of(b, a));

        assertThat(keys.keys("set")).extracting(JWK::getKeyID).containsExactly("b", "a");
        assertThat(keys.signingKey("set")).map(JWK::getKeyID).contains("b");
    }

    @Test
    void whenKeyIsDeletedThroughTheServiceThenTheCachedSetForgetsIt() {
        keys.create("set", "ES256", "a", "sig");
        keys.create("set", "ES256", "b", "sig");
        assertThat(keys.keys("set")).hasSize(2);

        keys.deleteKey("set", "a");
        assertThat(keys.keys("set")).extracting(JWK::getKeyID).containsExactly("b");

        keys.deleteSet("set");
        assertThat(keys.keys("set")).isEmpty();
    }

    @Test
    void whenAnotherReplicaChangesASetThenItsChangeNoticeShowsIt() {
        keys.create("set", "ES256", "a", "sig");
        keys.create("other", "ES256", "x", "sig");
        assertThat(keys.keys("set")).hasSize(1);
        assertThat(keys.keys("other")).hasSize(1);
        KeyService replica = service(T0.plusSeconds(1), SECRET);
        replica.create("set", "ES256", "b", "sig");
        replica.create("other", "ES256", "y", "sig");
        assertThat(keys.keys("set")).as("still the cached set").extracting(JWK::getKeyID).containsExactly("a");

        keys.keySetChanged("set");

        assertThat(keys.keys("set")).extracting(JWK::getKeyID).containsExactly("b", "a");
        assertThat(keys.keys("other")).as("only the named set is dropped").extracting(JWK::getKeyID)
                .containsExactly("x");
        keys.anythingMayHaveChanged();
        assertThat(keys.keys("other")).extracting(JWK::getKeyID).containsExactly("y", "x");
    }

    @Test
    void whenAChangeNoticeIsLostThenTheCachedSetExpiresAfterTheSafetyTtl() {
        MutableClock clock = new MutableClock(T0);
        KeyService cached = new KeyService(store, new AeadCipher(new SystemSecrets(List.of(SECRET)),
                new SecureRandom()), generator, clock);
        cached.create("set", "ES256", "a", "sig");
        assertThat(cached.keys("set")).hasSize(1);
        service(T0.plusSeconds(1), SECRET).create("set", "ES256", "b", "sig");

        clock.advance(KeyService.CACHE_TTL.minusMillis(1));
        assertThat(cached.keys("set")).extracting(JWK::getKeyID).containsExactly("a");
        clock.advance(Duration.ofMillis(1));
        assertThat(cached.keys("set")).extracting(JWK::getKeyID).containsExactly("b", "a");
    }

    @Test
    void whenReplacingAKeyWithAnotherKidThenInvalidRequest() {
        JWK key = generator.generate("ES256", "other", "sig");

        OAuth2Exception e = catchThrowableOfType(OAuth2Exception.class, () -> keys.replaceKey("set", "kid", key));

        assertThat(e.error().error()).isEqualTo("invalid_request");
    }
}
