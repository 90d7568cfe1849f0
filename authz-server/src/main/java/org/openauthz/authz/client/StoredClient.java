package org.openauthz.authz.client;

import java.time.Instant;

/**
 * A client as stored: the model without its plaintext secret, plus the secret's hash (null for public clients) and,
 * after a secret rotation with overlap (decision 0021), the hash of the secret it replaced and until when that one
 * still authenticates the client (both null otherwise) and, for a client that registered itself, the hash of its
 * current registration access token (<a href="https://www.rfc-editor.org/rfc/rfc7592#section-3">RFC 7592 §3</a>;
 * null otherwise). Whoever rebuilds a stored client keeps the fields it does not change.
 */
public record StoredClient(OAuth2Client client, String secretHash, String previousSecretHash,
                           Instant previousSecretExpiresAt, String registrationTokenHash) {
    public StoredClient {
        if (client.clientSecret() != null) {
            client = client.withSecret(null);
        }
        if (previousSecretHash == null || previousSecretExpiresAt == null) {
            previousSecretHash = null;
            previousSecretExpiresAt = null;
        }
    }

    /** A client the administrator manages (no registration access token) without a previous secret. */
    public StoredClient(OAuth2Client client, String secretHash) {
        this(client, secretHash, null, null, null);
    }

    /** A client that registered itself, without a previous secret. */
    public StoredClient(OAuth2Client client, String secretHash, String registrationTokenHash) {
        this(client, secretHash, null, null, registrationTokenHash);
    }

    /**
     * This client replaced by an update: {@code client}, {@code secretHash} and {@code registrationTokenHash} as
     * given. The previous secret of a rotation survives only while the secret hash stays the same: a secret set any
     * other way replaces the old one at once (decision 0021).
     */
    public StoredClient updatedTo(OAuth2Client client, String secretHash, String registrationTokenHash) {
        boolean sameSecret = secretHash != null && secretHash.equals(this.secretHash);
        return new StoredClient(client, secretHash, sameSecret ? previousSecretHash : null,
                sameSecret ? previousSecretExpiresAt : null, registrationTokenHash);
    }

    /**
     * This client after a secret rotation: {@code client} with {@code secretHash}, the previous secret
     * {@code previousSecretHash} working until {@code previousSecretExpiresAt} (null: not at all); the registration
     * access token hash is kept.
     */
    public StoredClient rotatedTo(OAuth2Client client, String secretHash, String previousSecretHash,
                                  Instant previousSecretExpiresAt) {
        return new StoredClient(client, secretHash, previousSecretHash, previousSecretExpiresAt,
                registrationTokenHash);
    }

    public String id() {
        return client.clientId();
    }

    /** The previous secret's hash while it still authenticates the client at {@code now}, else null. */
    public String previousSecretHashAt(Instant now) {
        return previousSecretHash != null && now.isBefore(previousSecretExpiresAt) ? previousSecretHash : null;
    }

    /**
     * Whether the client's secret has expired at {@code now}: RFC 7591 §3.2.1's {@code client_secret_expires_at},
     * seconds since the epoch, 0 for never.
     */
    public boolean secretExpiredAt(Instant now) {
        Long expiresAt = client.clientSecretExpiresAt();
        return expiresAt != null && expiresAt > 0 && !now.isBefore(Instant.ofEpochSecond(expiresAt));
    }
}
