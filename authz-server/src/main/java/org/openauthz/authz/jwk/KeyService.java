package org.openauthz.authz.jwk;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import org.openauthz.authz.crypto.AeadCipher;
import org.openauthz.authz.oauth2.OAuth2Error;
import org.openauthz.authz.oauth2.OAuth2Exception;
import org.openauthz.authz.storage.ChangeListener;
import org.openauthz.authz.storage.DuplicateKeyException;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * JSON Web Key sets: generation, import, sealing at rest with the system secret, and the decrypted view used to
 * sign. Decrypted sets are cached per set, so signing never pays for decryption (docs/performance.md). A cached set
 * is dropped on every change made through this service and on every {@link #keySetChanged} notice of a change made
 * by another replica (decision 0008); it also expires after {@link #CACHE_TTL}, so a lost notice cannot hide a key
 * change for longer than that.
 */
public final class KeyService implements ChangeListener {
    /**
     * Signs ID tokens, userinfo JWTs and logout tokens; Hydra v1.10's set name, published at
     * {@code /.well-known/jwks.json}.
     */
    public static final String ID_TOKEN_SET = "hydra.openid.id-token";

    /** Signs JWT access tokens ({@code strategies.access_token: jwt}); Hydra v1.10's set name. */
    public static final String ACCESS_TOKEN_SET = "hydra.jwt.access-token";

    /**
     * How long a decrypted set is used without reading it again: the safety net for a change notice that was lost.
     * Reloading costs one small query and a few AES-GCM decryptions per set, so 10 s costs nothing measurable, and a
     * rotation is only ever announced ahead through JWKS anyway (docs/operations.md, "Scaling out").
     */
    public static final Duration CACHE_TTL = Duration.ofSeconds(10);

    private record DecryptedSet(List<PublishedKey> keys, Instant expiresAt) {
    }

    private final KeyStore store;
    private final AeadCipher cipher;
    private final KeyGenerator generator;
    private final Clock clock;
    private final RsaSigning rsaSigning;
    private final ConcurrentHashMap<String, DecryptedSet> decrypted = new ConcurrentHashMap<>();

    /** Keys signed with by the JDK. */
    public KeyService(KeyStore store, AeadCipher cipher, KeyGenerator generator, Clock clock) {
        this(store, cipher, generator, clock, RsaSigning.jdk());
    }

    public KeyService(KeyStore store, AeadCipher cipher, KeyGenerator generator, Clock clock, RsaSigning rsaSigning) {
        this.store = store;
        this.cipher = cipher;
        this.generator = generator;
        this.clock = clock;
        this.rsaSigning = rsaSigning;
    }

    /** Who computes the RS256 signatures made with these keys. */
    public RsaSigning rsaSigning() {
        return rsaSigning;
    }

    /**
     * Makes sure a signing set ({@link #ID_TOKEN_SET}, {@link #ACCESS_TOKEN_SET}) has a key and that the system secret
     * opens every stored key of it; called at startup so that a wrong {@code SECRETS_SYSTEM} stops the server with a
     * clear message instead of failing later.
     */
    public void ensureSigningKey(String set, String alg) {
        List<JWK> keys = keys(set);
        if (keys.isEmpty()) {
            create(set, alg, null, "sig");
        }
    }

    /**
     * The key that signs for a set: the newest private RSA key meant for signatures (ID tokens are RS256; a key
     * added with {@code use: enc}, or of another type, never signs) whose time to sign has come; a key published
     * ahead of its use (decision 0021) waits.
     */
    public Optional<JWK> signingKey(String set) {
        Instant now = clock.instant();
        return published(set).stream().filter(k -> k.canSign() && k.usableAt(now)).findFirst()
                .map(PublishedKey::jwk);
    }

    /**
     * Every key of a set, private parts included (the admin API hands them out, as Hydra v1.10's does). Newest first.
     */
    public List<JWK> keys(String set) {
        return published(set).stream().map(PublishedKey::jwk).toList();
    }

    /** Every key of a set with the moment it may sign from, newest first. */
    public List<PublishedKey> published(String set) {
        Instant now = clock.instant();
        DecryptedSet cached = decrypted.get(set);
        if (cached != null && now.isBefore(cached.expiresAt())) {
            return cached.keys();
        }
        // compute() loads a set once however many threads miss it together, and an invalidation of the same set
        // waits for the load and then removes it, so a set read before a change cannot outlive its notice.
        return decrypted.compute(set, (s, current) -> current != null && now.isBefore(current.expiresAt()) ? current
                : new DecryptedSet(store.list(s).stream().map(this::open).toList(), now.plus(CACHE_TTL))).keys();
    }

    /**
     * Generates a key that signs from {@code useFrom} and adds it, unless the newest key of the set is no longer
     * {@code expectedNewestKid} (another replica rotated first): then empty and nothing is added.
     */
    public Optional<JWK> addScheduled(String set, String alg, Instant useFrom, String expectedNewestKid) {
        JWK key = generator.generate(alg, UUID.randomUUID().toString(), "sig");
        StoredKey sealed = new StoredKey(set, key.getKeyID(), clock.instant(), cipher.encrypt(key.toJSONString()),
                useFrom);
        try {
            return store.addIfNewestIs(sealed, expectedNewestKid) ? Optional.of(key) : Optional.empty();
        } finally {
            decrypted.remove(set);
        }
    }

    public JWKSet publicKeys(List<String> sets) {
        List<JWK> out = new ArrayList<>();
        for (String set : sets) {
            for (JWK key : keys(set)) {
                JWK pub = key.toPublicJWK();
                if (pub != null) {
                    out.add(pub);
                }
            }
        }
        return new JWKSet(out);
    }

    public JWK create(String set, String alg, String kid, String use) {
        String id = kid == null || kid.isEmpty() ? UUID.randomUUID().toString() : kid;
        JWK key = generator.generate(alg, id, use);
        add(set, key);
        return key;
    }

    public void add(String set, JWK key) {
        if (key.getKeyID() == null || key.getKeyID().isEmpty()) {
            throw OAuth2Error.INVALID_REQUEST.withHint("Every JSON Web Key needs a 'kid'.").toException();
        }
        try {
            store.add(seal(set, key, clock.instant()));
        } catch (DuplicateKeyException e) {
            throw OAuth2Error.CONFLICT.toException();
        } finally {
            decrypted.remove(set);
        }
    }

    public Optional<JWK> find(String set, String kid) {
        return keys(set).stream().filter(k -> kid.equals(k.getKeyID())).findFirst();
    }

    public void replaceSet(String set, List<JWK> keys) {
        Instant now = clock.instant();
        List<StoredKey> sealed = new ArrayList<>();
        // Keep the given order as newest-first by giving earlier entries later timestamps.
        for (int i = 0; i < keys.size(); i++) {
            sealed.add(seal(set, keys.get(i), now.minusMillis(i)));
        }
        store.replaceSet(set, sealed);
        decrypted.remove(set);
    }

    public void replaceKey(String set, String kid, JWK key) {
        if (!kid.equals(key.getKeyID())) {
            throw OAuth2Error.INVALID_REQUEST.withHint("The 'kid' in the body must equal the kid in the path.")
                    .toException();
        }
        store.delete(set, kid);
        add(set, key);
    }

    public void deleteSet(String set) {
        store.deleteSet(set);
        decrypted.remove(set);
    }

    public void deleteKey(String set, String kid) {
        store.delete(set, kid);
        decrypted.remove(set);
    }

    @Override
    public void keySetChanged(String set) {
        decrypted.remove(set);
    }

    /** Drops every cached set, so keys changed while change notices were missed are read again. */
    @Override
    public void anythingMayHaveChanged() {
        decrypted.clear();
    }

    private StoredKey seal(String set, JWK key, Instant createdAt) {
        return new StoredKey(set, key.getKeyID(), createdAt, cipher.encrypt(key.toJSONString()));
    }

    private PublishedKey open(StoredKey stored) {
        try {
            return new PublishedKey(JWK.parse(cipher.decryptToString(stored.sealedJwk())), stored.useFrom());
        } catch (AeadCipher.DecryptionFailedException e) {
            throw new KeyDecryptionException(stored.set(), stored.kid());
        } catch (ParseException e) {
            throw new IllegalStateException("stored key " + stored.set() + "/" + stored.kid() + " is not a JWK", e);
        }
    }

    public static OAuth2Exception setNotFound(String set) {
        return OAuth2Error.RESOURCE_NOT_FOUND.withHint("The JSON Web Key Set '" + set + "' does not exist.")
                .toException();
    }

    /** The configured system secrets cannot open a stored key: the secret was changed without keeping the old one. */
    public static final class KeyDecryptionException extends RuntimeException {
        public KeyDecryptionException(String set, String kid) {
            super("none of the configured system secrets (SECRETS_SYSTEM) can decrypt key '" + kid + "' of set '"
                    + set + "': the database was set up with another secret. Start with the original secret, or "
                    + "rotate by setting SECRETS_SYSTEM=<new>,<old>.");
        }
    }
}
