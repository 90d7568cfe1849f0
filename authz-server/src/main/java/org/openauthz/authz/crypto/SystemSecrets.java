package org.openauthz.authz.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * The system secrets as 32-byte keys: each configured secret is hashed with SHA-256 (docs/security.md). The first key
 * encrypts and signs; every key decrypts and verifies, so a secret can be rotated by prepending a new one.
 */
public final class SystemSecrets {
    private final List<byte[]> keys;

    public SystemSecrets(List<String> secrets) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("at least one system secret is required");
        }
        this.keys = secrets.stream().map(SystemSecrets::sha256).toList();
    }

    public byte[] current() {
        return keys.get(0).clone();
    }

    public List<byte[]> all() {
        return keys.stream().map(byte[]::clone).toList();
    }

    static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
