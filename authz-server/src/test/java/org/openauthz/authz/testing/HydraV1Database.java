package org.openauthz.authz.testing;

import org.jdbi.v3.core.Jdbi;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Base64;

/**
 * A Hydra v1.10 database on the embedded PostgreSQL, filled the way Hydra fills it: the schema of
 * {@code hydra-v1.10/schema.sql}, JWKs and token sessions sealed with AES-256-GCM under SHA-256 of the system secret
 * (random 12-byte nonce first, base64url with padding), refresh tokens stored as the HMAC-SHA-512/256 of their key
 * under the same derived key. The sealing and signing here are written out on purpose instead of reusing the
 * server's classes, so a test proves compatibility with Hydra's scheme rather than with ourselves.
 */
public final class HydraV1Database {
    private final PostgresFixture.Database database;
    private final byte[] key;
    private final SecureRandom random = new SecureRandom();

    private HydraV1Database(PostgresFixture.Database database, String systemSecret) {
        this.database = database;
        this.key = sha256(systemSecret);
    }

    /** A fresh database with Hydra v1.10's tables, whose data is sealed under {@code systemSecret}. */
    public static HydraV1Database create(String systemSecret) {
        PostgresFixture.Database database = PostgresFixture.newDatabase();
        try (InputStream schema = HydraV1Database.class.getResourceAsStream("/hydra-v1.10/schema.sql")) {
            String sql = new String(schema.readAllBytes(), StandardCharsets.UTF_8);
            database.jdbi().useHandle(h -> h.createScript(sql).execute());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return new HydraV1Database(database, systemSecret);
    }

    public Jdbi jdbi() {
        return database.jdbi();
    }

    public String dsn() {
        return database.dsn();
    }

    /** Runs one statement with positional arguments ({@code ?}); Instants are written as Hydra does, UTC. */
    public void execute(String sql, Object... args) {
        Object[] values = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            values[i] = args[i] instanceof Instant instant ? LocalDateTime.ofInstant(instant, ZoneOffset.UTC) : args[i];
        }
        jdbi().useHandle(h -> h.execute(sql, values));
    }

    /** Stores a JWK (its JSON) in set {@code sid} under {@code kid}, sealed like Hydra's JWK persister. */
    public void insertKey(String sid, String kid, String jwkJson, Instant createdAt) {
        execute("INSERT INTO hydra_jwk (sid, kid, version, keydata, created_at) VALUES (?, ?, 0, ?, ?)", sid, kid,
                seal(jwkJson), createdAt);
    }

    /** AES-256-GCM under SHA-256 of this database's system secret, nonce first, base64url with padding. */
    public String seal(String plaintext) {
        return seal(key, plaintext, random);
    }

    /** {@code plaintext} sealed as a Hydra with system secret {@code systemSecret} would seal it. */
    public static String seal(String systemSecret, String plaintext) {
        return seal(sha256(systemSecret), plaintext, new SecureRandom());
    }

    private static String seal(byte[] key, String plaintext, SecureRandom random) {
        byte[] nonce = new byte[12];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length).put(nonce)
                    .put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new opaque token as Hydra hands it out, and the signature Hydra stores for it. */
    public record Token(String token, String signature) {
    }

    public Token newToken() {
        byte[] tokenKey = new byte[32];
        random.nextBytes(tokenKey);
        try {
            Mac mac = Mac.getInstance("HmacSHA512/256");
            mac.init(new SecretKeySpec(key, "HmacSHA512/256"));
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            String signature = b64.encodeToString(mac.doFinal(tokenKey));
            return new Token(b64.encodeToString(tokenKey) + "." + signature, signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
