package org.openauthz.authz.persistence;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openauthz.authz.client.ClientStore;
import org.openauthz.authz.client.OAuth2Client;
import org.openauthz.authz.client.StoredClient;
import org.openauthz.authz.oauth2.token.TokenKind;
import org.openauthz.authz.oauth2.token.TokenRecord;
import org.openauthz.authz.oauth2.token.TokenStore;
import org.openauthz.authz.storage.DuplicateKeyException;
import org.openauthz.authz.storage.Page;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link ClientStore} must do, whatever holds the rows (one contract, run against every store;
 * docs/decisions/0002). Run by {@code InMemoryClientStoreTest} and, on a real PostgreSQL, {@code JdbiClientStoreIT}.
 */
abstract class ClientStoreContract {
    static final Instant CREATED = Instant.parse("2026-02-01T08:30:00Z");

    ClientStore clients;
    TokenStore tokens;

    /** A client store and a token store on one fresh, empty backend. */
    protected abstract ClientAndTokenStores newStores();

    @BeforeEach
    void freshStores() {
        ClientAndTokenStores stores = newStores();
        clients = stores.clients();
        tokens = stores.tokens();
    }

    static StoredClient client(String id) {
        return new StoredClient(new OAuth2Client.Builder().clientId(id).clientName("").owner("")
                .tokenEndpointAuthMethod("client_secret_basic").scope("openid").createdAt(CREATED).updatedAt(CREATED)
                .build(), "$pbkdf2-sha256$i=1000,l=32$c2FsdA$" + id);
    }

    static StoredClient client(String id, String name, String owner) {
        StoredClient base = client(id);
        return new StoredClient(base.client().toBuilder().clientName(name).owner(owner).build(), base.secretHash());
    }

    /** A client that uses every field of the model, so a store that drops or mangles one is caught. */
    static StoredClient everyField(String id) {
        ObjectNode jwks = JsonNodeFactory.instance.objectNode();
        jwks.putArray("keys").addObject().put("kty", "EC").put("crv", "P-256")
                .put("x", "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU")
                .put("y", "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0").put("kid", "client-key");
        ObjectNode metadata = JsonNodeFactory.instance.objectNode().put("team", "payments").put("tier", 3);
        metadata.putArray("tags").add("a").add("b");
        metadata.putObject("nested").put("flag", true);
        OAuth2Client client = new OAuth2Client.Builder()
                .clientId(id).clientName("Every Field").redirectUris(List.of("https://app.example/cb", "app:/cb"))
                .grantTypes(List.of("authorization_code", "refresh_token"))
                .responseTypes(List.of("code", "code id_token"))
                .scope("openid offline photos.*").audience(List.of("https://api.example/")).owner("alice")
                .policyUri("https://app.example/policy").allowedCorsOrigins(List.of("https://app.example"))
                .tosUri("https://app.example/tos").clientUri("https://app.example")
                .logoUri("https://app.example/logo.png")
                .contacts(List.of("ops@app.example")).clientSecretExpiresAt(0L).subjectType("pairwise")
                .sectorIdentifierUri("https://app.example/sector.json").jwks(jwks)
                .tokenEndpointAuthMethod("private_key_jwt").tokenEndpointAuthSigningAlg("ES256")
                .requestUris(List.of("https://app.example/request.jwt")).requestObjectSigningAlg("RS256")
                .userinfoSignedResponseAlg("RS256").createdAt(CREATED).updatedAt(CREATED.plusSeconds(90))
                .frontchannelLogoutUri("https://app.example/fc").frontchannelLogoutSessionRequired(true)
                .postLogoutRedirectUris(List.of("https://app.example/bye"))
                .backchannelLogoutUri("https://app.example/bc")
                .backchannelLogoutSessionRequired(false).metadata(metadata)
                .build();
        return new StoredClient(client, null);
    }

    static TokenRecord token(String signature, String requestId, String clientId) {
        return new TokenRecord(signature, requestId, clientId, "alice", CREATED, CREATED.plusSeconds(3600),
                List.of("openid"), List.of("openid"), List.of(), List.of(), true, "{}", null);
    }

    @Test
    void whenCreatedThenFoundWithEveryFieldIntact() {
        StoredClient stored = everyField("every-field");

        clients.create(stored);

        assertThat(clients.find("every-field")).contains(stored);
    }

    @Test
    void whenCreatedThenTheHashIsKeptAndNoPlaintextSecret() {
        StoredClient stored = client("c1");

        clients.create(new StoredClient(stored.client().withSecret("plaintext-secret"), stored.secretHash()));

        StoredClient found = clients.find("c1").orElseThrow();
        assertThat(found.secretHash()).isEqualTo(stored.secretHash());
        assertThat(found.client().clientSecret()).isNull();
    }

    @Test
    void whenPublicClientHasNoHashThenNullIsKept() {
        StoredClient stored = new StoredClient(client("spa").client().toBuilder().tokenEndpointAuthMethod("none")
                .build(), null);

        clients.create(stored);

        assertThat(clients.find("spa")).contains(stored);
    }

    @Test
    void whenIdExistsThenDuplicateKeyExceptionAndTheFirstClientIsUnchanged() {
        StoredClient first = client("c1", "First", "alice");
        clients.create(first);

        assertThatThrownBy(() -> clients.create(client("c1", "Second", "bob")))
                .isInstanceOf(DuplicateKeyException.class);

        assertThat(clients.find("c1")).contains(first);
        assertThat(clients.list(10, 0, null, null).total()).isEqualTo(1);
    }

    @Test
    void whenIdIsUnknownThenFindIsEmpty() {
        clients.create(client("c1"));

        assertThat(clients.find("c2")).isEmpty();
        assertThat(clients.find("C1")).isEmpty();
    }

    @Test
    void whenUpdatedThenFindReturnsTheNewVersion() {
        clients.create(client("c1", "Old", "alice"));
        StoredClient changed = new StoredClient(everyField("c1").client(), "$pbkdf2-sha256$new-hash");

        assertThat(clients.update(changed)).isTrue();

        assertThat(clients.find("c1")).contains(changed);
        assertThat(clients.list(10, 0, null, "alice").items()).extracting(StoredClient::id)
                .as("the owner filter sees the new owner").containsExactly("c1");
        assertThat(clients.list(10, 0, "Old", null).items()).isEmpty();
        assertThat(clients.list(10, 0, "Every Field", null).items()).extracting(StoredClient::id).containsExactly("c1");
    }

    @Test
    void whenUpdatedToPublicThenTheHashIsCleared() {
        clients.create(client("c1"));
        StoredClient publicClient = new StoredClient(client("c1").client().toBuilder().tokenEndpointAuthMethod("none")
                .build(), null);

        assertThat(clients.update(publicClient)).isTrue();

        assertThat(clients.find("c1").orElseThrow().secretHash()).isNull();
    }

    @Test
    void whenUpdatingAnUnknownClientThenFalseAndNothingIsCreated() {
        assertThat(clients.update(client("ghost"))).isFalse();

        assertThat(clients.find("ghost")).isEmpty();
    }

    @Test
    void whenDeletedThenTrueAndGoneAndASecondDeleteIsFalse() {
        clients.create(client("c1"));
        clients.create(client("c2"));

        assertThat(clients.delete("c1")).isTrue();

        assertThat(clients.find("c1")).isEmpty();
        assertThat(clients.find("c2")).isPresent();
        assertThat(clients.delete("c1")).isFalse();
        assertThat(clients.delete("never-existed")).isFalse();
    }

    @Test
    void whenDeletedThenEveryTokenIssuedToItGoesToo() {
        // ClientStore#delete: "Deletes the client and everything issued to it"; Hydra v1.10's foreign keys cascade.
        clients.create(client("c1"));
        clients.create(client("c2"));
        for (TokenKind kind : TokenKind.values()) {
            tokens.insert(kind, token("c1-" + kind, "r1", "c1"));
            tokens.insert(kind, token("c2-" + kind, "r2", "c2"));
        }

        clients.delete("c1");

        for (TokenKind kind : TokenKind.values()) {
            assertThat(tokens.find(kind, "c1-" + kind)).as("%s of the deleted client", kind).isEmpty();
            assertThat(tokens.find(kind, "c2-" + kind)).as("%s of another client", kind).isPresent();
        }
    }

    @Test
    void whenDeletedAndRecreatedThenOldTokensDoNotComeBack() {
        clients.create(client("c1"));
        tokens.insert(TokenKind.ACCESS_TOKEN, token("sig", "r1", "c1"));
        clients.delete("c1");

        clients.create(client("c1"));

        assertThat(tokens.find(TokenKind.ACCESS_TOKEN, "sig")).isEmpty();
    }

    @Test
    void whenListedThenPagesAreOrderedByIdWithTheTotalOfAllMatches() {
        for (String id : List.of("delta", "alpha", "echo", "charlie", "bravo")) {
            clients.create(client(id));
        }

        Page<StoredClient> first = clients.list(2, 0, null, null);
        Page<StoredClient> second = clients.list(2, 2, null, null);
        Page<StoredClient> last = clients.list(2, 4, null, null);
        Page<StoredClient> beyond = clients.list(2, 10, null, null);

        assertThat(first.items()).extracting(StoredClient::id).containsExactly("alpha", "bravo");
        assertThat(second.items()).extracting(StoredClient::id).containsExactly("charlie", "delta");
        assertThat(last.items()).extracting(StoredClient::id).containsExactly("echo");
        assertThat(beyond.items()).isEmpty();
        assertThat(List.of(first, second, last, beyond)).extracting(Page::total).containsOnly(5L);
    }

    @Test
    void whenListedThenItemsCarryTheirHashes() {
        clients.create(client("alpha"));

        assertThat(clients.list(10, 0, null, null).items()).containsExactly(client("alpha"));
    }

    @Test
    void whenFilteredByNameOrOwnerThenOnlyExactMatchesCountAndTotalFollowsTheFilter() {
        clients.create(client("a", "Shop", "alice"));
        clients.create(client("b", "Shop", "bob"));
        clients.create(client("c", "Blog", "alice"));
        clients.create(client("d", "shop", "alice"));

        assertThat(clients.list(10, 0, "Shop", null).items()).extracting(StoredClient::id).containsExactly("a", "b");
        assertThat(clients.list(10, 0, null, "alice").items()).extracting(StoredClient::id)
                .containsExactly("a", "c", "d");
        assertThat(clients.list(10, 0, "Shop", "alice").items()).extracting(StoredClient::id).containsExactly("a");
        assertThat(clients.list(1, 1, null, "alice").items()).extracting(StoredClient::id).containsExactly("c");
        assertThat(clients.list(1, 1, null, "alice").total()).isEqualTo(3);
        assertThat(clients.list(10, 0, "Nope", null).total()).isZero();
    }

    @Test
    void whenTheHashIsStillTheExpectedOneThenItIsReplacedAndOtherwiseKept() {
        clients.create(client("alpha"));
        String old = client("alpha").secretHash();

        assertThat(clients.replaceSecretHash("alpha", "$2a$10$someoneelse", "$pbkdf2-sha256$new")).isFalse();
        assertThat(clients.find("alpha").orElseThrow().secretHash()).isEqualTo(old);
        assertThat(clients.replaceSecretHash("alpha", old, "$pbkdf2-sha256$new")).isTrue();
        assertThat(clients.find("alpha").orElseThrow()).isEqualTo(new StoredClient(client("alpha").client(),
                "$pbkdf2-sha256$new"));
        assertThat(clients.replaceSecretHash("nobody", old, "$pbkdf2-sha256$new")).isFalse();
    }

    @Test
    void whenStoreIsEmptyThenListIsEmpty() {
        Page<StoredClient> page = clients.list(10, 0, null, null);

        assertThat(page.items()).isEmpty();
        assertThat(page.total()).isZero();
    }

    @Test
    void whenASelfRegisteredClientIsStoredThenItsRegistrationTokenHashIsKeptAndListed() {
        StoredClient registered = new StoredClient(client("self").client(), client("self").secretHash(), "token-hash-1");
        clients.create(registered);

        assertThat(clients.find("self")).contains(registered);
        assertThat(clients.list(10, 0, null, null).items()).containsExactly(registered);
    }

    @Test
    void whenTheRegistrationTokenHashIsStillTheExpectedOneThenTheClientIsReplacedOnce() {
        clients.create(new StoredClient(client("self").client(), client("self").secretHash(), "token-hash-1"));
        StoredClient renamed = new StoredClient(client("self", "Renamed", "").client(), client("self").secretHash(),
                "token-hash-2");

        assertThat(clients.updateIfRegistrationToken(renamed, "token-hash-1")).isTrue();
        assertThat(clients.find("self")).contains(renamed);
        StoredClient again = new StoredClient(client("self", "Again", "").client(), client("self").secretHash(),
                "token-hash-3");
        assertThat(clients.updateIfRegistrationToken(again, "token-hash-1")).isFalse();
        assertThat(clients.find("self")).contains(renamed);
    }

    @Test
    void whenTheClientIsUnknownOrHasNoRegistrationTokenThenTheConditionalUpdateWritesNothing() {
        clients.create(client("admin-made"));
        StoredClient attempt = new StoredClient(client("admin-made", "Taken", "").client(), null, "token-hash-1");

        assertThat(clients.updateIfRegistrationToken(attempt, null)).isFalse();
        assertThat(clients.updateIfRegistrationToken(attempt, "token-hash-0")).isFalse();
        assertThat(clients.find("admin-made")).contains(client("admin-made"));
        assertThat(clients.updateIfRegistrationToken(new StoredClient(client("nobody").client(), null, "h"), "h"))
                .isFalse();
        assertThat(clients.find("nobody")).isEmpty();
    }

    @Test
    void whenTheSecretHashIsReplacedThenTheRegistrationTokenHashStays() {
        StoredClient registered = new StoredClient(client("self").client(), client("self").secretHash(), "token-hash-1");
        clients.create(registered);

        assertThat(clients.replaceSecretHash("self", registered.secretHash(), "$pbkdf2-sha256$new")).isTrue();
        assertThat(clients.find("self").orElseThrow().registrationTokenHash()).isEqualTo("token-hash-1");
    }
}
