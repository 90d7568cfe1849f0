package org.openauthz.authz.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openauthz.authz.oauth2.OAuth2Error;
import org.openauthz.authz.oauth2.OAuth2Exception;
import org.openauthz.authz.storage.DuplicateKeyException;
import org.openauthz.authz.storage.Page;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Client management behind the admin API: validation, secret generation and hashing, timestamps. Secrets are
 * returned in plaintext only by create and by an update that sets a new one, as in Hydra v1.10.
 */
public final class ClientService {
    private final ClientStore store;
    private final ClientValidator validator;
    private final SecretHasher hasher;
    private final SecretGenerator generator;
    private final ImplicitAccessTokenPolicy implicitAccessTokens;
    private final ObjectMapper json;
    private final Clock clock;

    public ClientService(ClientStore store, ClientValidator validator, ImplicitAccessTokenPolicy implicitAccessTokens,
                         SecretHasher hasher, SecretGenerator generator, ObjectMapper json, Clock clock) {
        this.store = store;
        this.validator = validator;
        this.implicitAccessTokens = implicitAccessTokens;
        this.hasher = hasher;
        this.generator = generator;
        this.json = json;
        this.clock = clock;
    }

    /** Returns the created client with its plaintext secret (generated when none was given). */
    public OAuth2Client create(OAuth2Client input) {
        return create(input, null, () -> { });
    }

    /**
     * As {@link #create(OAuth2Client)}, for a client that registered itself: {@code registrationTokenHash} is the hash
     * of the registration access token it manages itself with (RFC 7592); {@code admit} runs after validation and
     * before anything is stored, and may refuse by throwing (it spends an initial access token).
     */
    OAuth2Client create(OAuth2Client input, String registrationTokenHash, Runnable admit) {
        OAuth2Client client = validator.validate(input);
        implicitAccessTokens.check(null, client);
        admit.run();
        String secret = client.isPublic() ? null
                : client.clientSecret() == null || client.clientSecret().isEmpty() ? generator.generate()
                : client.clientSecret();
        Instant now = now();
        OAuth2Client stored = client.toBuilder().createdAt(now).updatedAt(now).clientSecret(null).build();
        try {
            store.create(new StoredClient(stored, secret == null ? null : hasher.hash(secret), registrationTokenHash));
        } catch (DuplicateKeyException e) {
            throw OAuth2Error.CONFLICT.toException();
        }
        return stored.withSecret(secret);
    }

    public OAuth2Client get(String id) {
        return find(id).client();
    }

    public Page<OAuth2Client> list(int limit, int offset, String clientName, String owner) {
        Page<StoredClient> page = store.list(limit, offset, clientName, owner);
        return new Page<>(page.items().stream().map(StoredClient::client).toList(), page.total());
    }

    /** Full replacement (PUT); an empty secret keeps the stored hash, a new one is hashed and echoed. */
    public OAuth2Client update(String id, OAuth2Client input) {
        StoredClient existing = find(id);
        OAuth2Client client = validator.validate(input.toBuilder().clientId(id).build());
        implicitAccessTokens.check(existing.client(), client);
        return replace(existing, client, existing.registrationTokenHash(), store::update)
                .orElseThrow(ClientService::notFound);
    }

    /**
     * RFC 6902 patch of the stored client. Unlike Hydra v1.10 (ory/hydra#2869), the stored hash is never re-hashed:
     * only a {@code client_secret} the patch itself sets is hashed.
     */
    public OAuth2Client patch(String id, JsonNode patch) {
        StoredClient existing = find(id);
        JsonNode document = json.valueToTree(existing.client());
        JsonNode patched = JsonPatch.apply(document, patch);
        if (!patched.isObject()) {
            throw OAuth2Error.INVALID_REQUEST.withHint("The patched client must be a JSON object.").toException();
        }
        if (!id.equals(patched.path("client_id").asText(id))) {
            throw OAuth2Error.INVALID_REQUEST.withHint("The client_id of a client cannot be changed.").toException();
        }
        ((ObjectNode) patched).put("client_id", id);
        OAuth2Client client;
        try {
            client = json.treeToValue(patched, OAuth2Client.class);
        } catch (com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
            String field = e.getPath().isEmpty() ? "" : e.getPath().get(0).getFieldName();
            throw OAuth2Error.INVALID_REQUEST.withHint("The patched client is not a valid client: field '" + field
                    + "' has the wrong type.").toException();
        } catch (IOException e) {
            throw OAuth2Error.INVALID_REQUEST.withHint("The patched client is not a valid client.").toException();
        }
        OAuth2Client validated = validator.validate(client);
        implicitAccessTokens.check(existing.client(), validated);
        return replace(existing, validated, existing.registrationTokenHash(), store::update)
                .orElseThrow(ClientService::notFound);
    }

    /**
     * Replaces a self-registered client's metadata (RFC 7592 §2.2) and its registration access token hash, only while
     * the stored token hash is still the one the caller presented; empty when it changed meanwhile or the client is
     * gone. The caller never sets the secret here: it is kept (or generated when a public client becomes
     * confidential).
     */
    Optional<OAuth2Client> updateRegistered(StoredClient existing, OAuth2Client input,
                                                      String newRegistrationTokenHash) {
        OAuth2Client client = validator.validate(input.toBuilder().clientId(existing.id()).clientSecret(null).build());
        implicitAccessTokens.check(existing.client(), client);
        return replace(existing, client, newRegistrationTokenHash,
                replacement -> store.updateIfRegistrationToken(replacement, existing.registrationTokenHash()));
    }

    /** The stored client with its new plaintext secret, if any; empty when {@code write} wrote nothing. */
    private Optional<OAuth2Client> replace(StoredClient existing, OAuth2Client client, String registrationTokenHash,
                                 Predicate<StoredClient> write) {
        String newSecret = client.clientSecret() == null || client.clientSecret().isEmpty() ? null
                : client.clientSecret();
        String hash = client.isPublic() ? null : newSecret != null ? hasher.hash(newSecret) : existing.secretHash();
        if (!client.isPublic() && hash == null) {
            newSecret = generator.generate();
            hash = hasher.hash(newSecret);
        }
        OAuth2Client stored = client.toBuilder().clientSecret(null).createdAt(existing.client().createdAt())
                .updatedAt(now()).build();
        // A secret set here replaces the old one at once; only a rotation keeps the previous secret working.
        if (!write.test(existing.updatedTo(stored, hash, registrationTokenHash))) {
            return Optional.empty();
        }
        return Optional.of(stored.withSecret(client.isPublic() ? null : newSecret));
    }

    /**
     * Gives a confidential client a new generated secret and returns the client with it (the only time it is shown).
     * The secret it replaces keeps authenticating the client for {@code overlap} (zero: not at all), but never
     * beyond its own {@code client_secret_expires_at}; a previous secret from an earlier rotation stops at once. The
     * new secret expires at {@code newSecretExpiresAt} (seconds since the epoch, 0 for never).
     */
    public OAuth2Client rotateSecret(String id, Duration overlap, long newSecretExpiresAt) {
        StoredClient existing = find(id);
        if (existing.client().isPublic() || existing.secretHash() == null) {
            throw OAuth2Error.INVALID_REQUEST.withHint("The client is public (token_endpoint_auth_method 'none') and "
                    + "has no secret to rotate.").toException();
        }
        if (newSecretExpiresAt < 0) {
            throw OAuth2Error.INVALID_REQUEST.withHint("Field 'client_secret_expires_at' must be 0 (never) or a time "
                    + "in seconds since the epoch.").toException();
        }
        Instant now = clock.instant();
        Instant previousUntil = now.plus(overlap);
        if (existing.secretExpiredAt(previousUntil)) {
            previousUntil = Instant.ofEpochSecond(existing.client().clientSecretExpiresAt());
        }
        String secret = generator.generate();
        OAuth2Client rotated = existing.client().toBuilder().clientSecretExpiresAt(newSecretExpiresAt)
                .updatedAt(now()).build();
        boolean keepPrevious = previousUntil.isAfter(now);
        if (!store.rotateSecret(existing.rotatedTo(rotated, hasher.hash(secret),
                keepPrevious ? existing.secretHash() : null, keepPrevious ? previousUntil : null),
                existing.secretHash())) {
            throw OAuth2Error.CONFLICT.withHint("The client's secret was changed meanwhile; try again.").toException();
        }
        return rotated.withSecret(secret);
    }

    public void delete(String id) {
        if (!store.delete(id)) {
            throw OAuth2Error.RESOURCE_NOT_FOUND.toException();
        }
    }

    private StoredClient find(String id) {
        return store.find(id).orElseThrow(ClientService::notFound);
    }

    /** Unknown clients are 404 here; Hydra v1.10 answered 401 on GET (see docs/decisions/0004-unknown-client-404.md). */
    private static OAuth2Exception notFound() {
        return OAuth2Error.RESOURCE_NOT_FOUND.withHint("The requested OAuth 2.0 client does not exist.").toException();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }
}
