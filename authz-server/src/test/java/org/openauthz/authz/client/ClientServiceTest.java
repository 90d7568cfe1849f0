package org.openauthz.authz.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.jackson.Jackson;
import org.junit.jupiter.api.Test;
import org.openauthz.authz.oauth2.OAuth2Exception;
import org.openauthz.authz.persistence.memory.InMemoryClientStore;
import org.openauthz.authz.persistence.memory.InMemoryDatabase;
import org.openauthz.authz.storage.Page;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Client management as the admin API sees it, with Hydra v1.10's rules, over the in-memory store.
 */
class ClientServiceTest {
    private static final Instant CREATED = Instant.parse("2026-01-01T10:00:00.750Z");
    private static final Instant LATER = Instant.parse("2026-01-02T10:00:00Z");

    private final ObjectMapper json = Jackson.newObjectMapper();
    private final InMemoryClientStore store = new InMemoryClientStore(new InMemoryDatabase());
    private final SecretHasher hasher = new SecretHasher(1000, new SecureRandom());
    private final ClientService service = service(CREATED);

    private ClientService service(Instant now) {
        return new ClientService(store, new ClientValidator(List.of("public"), "openid offline",
                ClientValidatorTest.GRANT_TYPES), new ImplicitAccessTokenPolicy(false), hasher,
                new SecretGenerator(new SecureRandom()), json, Clock.fixed(now, ZoneOffset.UTC));
    }

    private static OAuth2Client.Builder confidential(String id) {
        return new OAuth2Client.Builder().clientId(id).grantTypes(List.of("client_credentials"));
    }

    private String storedHash(String id) {
        return store.find(id).orElseThrow().secretHash();
    }

    @Test
    void whenCreatedWithoutSecretThenA26CharacterSecretIsGeneratedAndReturnedOnce() {
        OAuth2Client created = service.create(confidential("c1").build());

        assertThat(created.clientSecret()).matches("[a-zA-Z0-9_.~-]{26}");
        assertThat(hasher.matches(created.clientSecret(), storedHash("c1"))).isTrue();
        assertThat(service.get("c1").clientSecret()).isNull();
    }

    @Test
    void whenCreatedTwiceWithoutSecretThenSecretsDiffer() {
        String first = service.create(confidential("c1").build()).clientSecret();
        String second = service.create(confidential("c2").build()).clientSecret();

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void whenCreatedWithSecretThenItIsReturnedAndOnlyItsHashIsStored() {
        OAuth2Client created = service.create(confidential("c1").clientSecret("given-secret").build());

        assertThat(created.clientSecret()).isEqualTo("given-secret");
        assertThat(storedHash("c1")).startsWith("$pbkdf2-sha256$").doesNotContain("given-secret");
        assertThat(hasher.matches("given-secret", storedHash("c1"))).isTrue();
        assertThat(store.find("c1").orElseThrow().client().clientSecret()).isNull();
    }

    @Test
    void whenPublicClientIsCreatedThenItHasNoSecret() {
        // A public client authenticates with its id only (RFC 6749 §2.1
        // (https://www.rfc-editor.org/rfc/rfc6749#section-2.1)).
        OAuth2Client created = service.create(new OAuth2Client.Builder().clientId("spa")
                .tokenEndpointAuthMethod("none").clientSecret("ignored-secret").build());

        assertThat(created.clientSecret()).isNull();
        assertThat(storedHash("spa")).isNull();
    }

    @Test
    void whenCreatedThenTimestampsAreNowInWholeSeconds() {
        OAuth2Client created = service.create(confidential("c1").build());

        assertThat(created.createdAt()).isEqualTo(Instant.parse("2026-01-01T10:00:00Z"));
        assertThat(created.updatedAt()).isEqualTo(created.createdAt());
    }

    @Test
    void whenClientIdExistsThenConflict409AndTheFirstClientIsKept() {
        service.create(confidential("c1").clientSecret("first-secret").build());
        String hash = storedHash("c1");

        OAuth2Exception e = catchThrowableOfType(OAuth2Exception.class,
                () -> service.create(confidential("c1").clientSecret("second-secret").build()));

        assertThat(e.error().error()).isEqualTo("Conflict");
        assertThat(e.error().status()).isEqualTo(409);
        assertThat(storedHash("c1")).isEqualTo(hash);
    }

    @Test
    void whenMetadataIsInvalidThenNothingIsStored() {
        catchThrowableOfType(OAuth2Exception.class,
                () -> service.create(confidential("c1").grantTypes(List.of("password")).build()));

        assertThat(store.find("c1")).isEmpty();
    }

    @Test
    void whenUpdatedWithoutSecretThenTheStoredHashIsKeptAndNoSecretIsEchoed() {
        service.create(confidential("c1").clientSecret("first-secret").build());
        String hash = storedHash("c1");

        OAuth2Client updated = service(LATER).update("c1", confidential("ignored").clientName("renamed")
                .clientSecret("").build());

        assertThat(updated.clientSecret()).isNull();
        assertThat(updated.clientName()).isEqualTo("renamed");
        assertThat(storedHash("c1")).isEqualTo(hash);
    }

    @Test
    void whenUpdatedWithNewSecretThenItIsEchoedAndOnlyTheNewSecretWorks() {
        // As in Hydra v1.10, update returns the secret only when a new one was sent.
        service.create(confidential("c1").clientSecret("first-secret").build());

        OAuth2Client updated = service.update("c1", confidential("c1").clientSecret("second-secret").build());

        assertThat(updated.clientSecret()).isEqualTo("second-secret");
        assertThat(hasher.matches("second-secret", storedHash("c1"))).isTrue();
        assertThat(hasher.matches("first-secret", storedHash("c1"))).isFalse();
    }

    @Test
    void whenUpdatedThenIdComesFromThePathAndCreatedAtIsKept() {
        service.create(confidential("c1").build());

        OAuth2Client updated = service(LATER).update("c1", confidential("other-id").build());

        assertThat(updated.clientId()).isEqualTo("c1");
        assertThat(updated.createdAt()).isEqualTo(Instant.parse("2026-01-01T10:00:00Z"));
        assertThat(updated.updatedAt()).isEqualTo(LATER);
        assertThat(store.find("other-id")).isEmpty();
    }

    @Test
    void whenPublicClientBecomesConfidentialWithoutSecretThenOneIsGeneratedAndEchoed() {
        service.create(new OAuth2Client.Builder().clientId("c1").tokenEndpointAuthMethod("none").build());

        OAuth2Client updated = service.update("c1", confidential("c1").build());

        assertThat(updated.clientSecret()).hasSize(26);
        assertThat(hasher.matches(updated.clientSecret(), storedHash("c1"))).isTrue();
    }

    @Test
    void whenConfidentialClientBecomesPublicThenItsHashIsDropped() {
        service.create(confidential("c1").build());

        OAuth2Client updated = service.update("c1", new OAuth2Client.Builder().tokenEndpointAuthMethod("none").build());

        assertThat(updated.clientSecret()).isNull();
        assertThat(storedHash("c1")).isNull();
    }

    @Test
    void whenPatchDoesNotTouchTheSecretThenTheSecretKeepsWorking() {
        // ory/hydra#2869: Hydra v1.10 re-hashed the stored hash on PATCH, so the client could no longer authenticate.
        OAuth2Client created = service.create(confidential("c1").build());
        String hash = storedHash("c1");

        OAuth2Client patched = service(LATER).patch("c1",
                json("[{\"op\":\"replace\",\"path\":\"/client_name\",\"value\":\"patched\"}]"));

        assertThat(patched.clientName()).isEqualTo("patched");
        assertThat(patched.clientSecret()).isNull();
        assertThat(patched.updatedAt()).isEqualTo(LATER);
        assertThat(storedHash("c1")).isEqualTo(hash);
        assertThat(hasher.matches(created.clientSecret(), storedHash("c1"))).isTrue();
    }

    @Test
    void whenPatchAddsASecretThenItIsHashedAndEchoed() {
        service.create(confidential("c1").build());

        OAuth2Client patched = service.patch("c1",
                json("[{\"op\":\"add\",\"path\":\"/client_secret\",\"value\":\"patched-secret\"}]"));

        assertThat(patched.clientSecret()).isEqualTo("patched-secret");
        assertThat(hasher.matches("patched-secret", storedHash("c1"))).isTrue();
    }

    @Test
    void whenPatchAppendsToAListThenOtherFieldsAreKept() {
        service.create(confidential("c1").scope("read").redirectUris(List.of("https://app.example/a")).build());

        OAuth2Client patched = service.patch("c1",
                json("[{\"op\":\"add\",\"path\":\"/redirect_uris/-\",\"value\":\"https://app.example/b\"}]"));

        assertThat(patched.redirectUris()).containsExactly("https://app.example/a", "https://app.example/b");
        assertThat(patched.scope()).isEqualTo("read");
        assertThat(patched.grantTypes()).containsExactly("client_credentials");
    }

    @Test
    void whenPatchChangesClientIdThenRejectedAndNothingChanges() {
        service.create(confidential("c1").build());

        OAuth2Exception e = catchThrowableOfType(OAuth2Exception.class, () -> service.patch("c1",
                json("[{\"op\":\"replace\",\"path\":\"/client_id\",\"value\":\"c2\"}]")));

        assertThat(e.error().error()).isEqualTo("invalid_request");
        assertThat(e.error().hint()).contains("client_id");
        assertThat(store.find("c2")).isEmpty();
        assertThat(store.find("c1")).isPresent();
    }

    @Test
    void whenPatchMakesTheClientInvalidThenInvalidClientMetadataAndNothingChanges() {
        service.create(confidential("c1").build());
        StoredClient before = store.find("c1").orElseThrow();

        OAuth2Exception e = catchThrowableOfType(OAuth2Exception.class, () -> service.patch("c1",
                json("[{\"op\":\"add\",\"path\":\"/grant_types/-\",\"value\":\"password\"}]")));

        assertThat(e.error().error()).isEqualTo("invalid_client_metadata");
        assertThat(store.find("c1")).contains(before);
    }

    @Test
    void whenPatchReplacesTheDocumentWithANonObjectThenInvalidRequest() {
        service.create(confidential("c1").build());

        OAuth2Exception e = catchThrowableOfType(OAuth2Exception.class, () -> service.patch("c1",
                json("[{\"op\":\"add\",\"path\":\"\",\"value\":[1]}]")));

        assertThat(e.error().error()).isEqualTo("invalid_request");
    }

    @Test
    void whenPatchGivesAFieldTheWrongTypeThenInvalidRequest() {
        service.create(confidential("c1").build());

        OAuth2Exception e = catchThrowableOfType(OAuth2Exception.class, () -> service.patch("c1",
                json("[{\"op\":\"replace\",\"path\":\"/grant_types\",\"value\":{\"not\":\"a list\"}}]")));

        assertThat(e.error().error()).isEqualTo("invalid_request");
        assertThat(e.error().hint()).startsWith("The patched client is not a valid client");
    }

    @Test
    void whenClientIsUnknownThenGetUpdatePatchAndDeleteAnswer404() {
        // docs/decisions/0004: unknown clients are 404 on every verb (Hydra v1.10 answered 401 on GET).
        List<Runnable> calls = List.of(
                () -> service.get("nope"),
                () -> service.update("nope", confidential("nope").build()),
                () -> service.patch("nope", json("[]")),
                () -> service.delete("nope"));

        for (Runnable call : calls) {
            OAuth2Exception e = catchThrowableOfType(OAuth2Exception.class, call::run);
            assertThat(e.error().status()).isEqualTo(404);
            assertThat(e.error().error()).isEqualTo("Not Found");
        }
        assertThat(store.find("nope")).isEmpty();
    }

    @Test
    void whenDeletedThenGone() {
        service.create(confidential("c1").build());

        service.delete("c1");

        assertThat(store.find("c1")).isEmpty();
    }

    @Test
    void whenListedThenFiltersAndPagingComeFromTheStoreWithoutSecrets() {
        service.create(confidential("a").owner("alice").build());
        service.create(confidential("b").owner("bob").build());
        service.create(confidential("c").owner("alice").clientName("C").build());

        Page<OAuth2Client> alice = service.list(10, 0, null, "alice");
        Page<OAuth2Client> second = service.list(1, 1, null, null);

        assertThat(alice.items()).extracting(OAuth2Client::clientId).containsExactly("a", "c");
        assertThat(alice.total()).isEqualTo(2);
        assertThat(second.items()).extracting(OAuth2Client::clientId).containsExactly("b");
        assertThat(second.total()).isEqualTo(3);
        assertThat(service.list(10, 0, "C", null).items()).extracting(OAuth2Client::clientId).containsExactly("c");
        assertThat(alice.items()).allSatisfy(c -> assertThat(c.clientSecret()).isNull());
    }

    private JsonNode json(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
