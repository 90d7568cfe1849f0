package org.openauthz.authz.client;

/**
 * A client as stored: the model without its plaintext secret, plus the secret's hash (null for public clients).
 */
public record StoredClient(OAuth2Client client, String secretHash) {
    public StoredClient {
        if (client.clientSecret() != null) {
            client = client.withSecret(null);
        }
    }

    public String id() {
        return client.clientId();
    }
}
