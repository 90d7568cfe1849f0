package org.openauthz.authz.client;

/**
 * A client as stored: the model without its plaintext secret, plus the secret's hash (null for public clients) and,
 * for a client that registered itself, the hash of its current registration access token
 * (<a href="https://www.rfc-editor.org/rfc/rfc7592#section-3">RFC 7592 §3</a>; null otherwise).
 */
public record StoredClient(OAuth2Client client, String secretHash, String registrationTokenHash) {
    public StoredClient {
        if (client.clientSecret() != null) {
            client = client.withSecret(null);
        }
    }

    /** A client the administrator manages: it has no registration access token. */
    public StoredClient(OAuth2Client client, String secretHash) {
        this(client, secretHash, null);
    }

    public String id() {
        return client.clientId();
    }
}
