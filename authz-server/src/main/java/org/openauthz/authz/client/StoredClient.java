package org.openauthz.authz.client;

import java.time.Instant;

/**
 * A client as stored: the model without its plaintext secret, plus the secret's hash (null for public clients) and,
 * after a secret rotation with overlap (decision 0021), the hash of the secret it replaced and until when that one
 * still authenticates the client (both null otherwise).
 */
public record StoredClient(OAuth2Client client, String secretHash, String previousSecretHash,
                           Instant previousSecretExpiresAt) {
    public StoredClient {
        if (client.clientSecret() != null) {
            client = client.withSecret(null);
        }
        if (previousSecretHash == null || previousSecretExpiresAt == null) {
            previousSecretHash = null;
            previousSecretExpiresAt = null;
        }
    }

    /** A client without a previous secret. */
    public StoredClient(OAuth2Client client, String secretHash) {
        this(client, secretHash, null, null);
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
