package org.openauthz.authz.client;

import org.openauthz.authz.oauth2.OAuth2Error;
import org.openauthz.authz.oauth2.OAuth2Exception;

import java.util.Optional;

/**
 * Clients that register and manage themselves: OAuth 2.0 Dynamic Client Registration
 * (<a href="https://www.rfc-editor.org/rfc/rfc7591#section-3">RFC 7591 §3</a>), its management protocol
 * (<a href="https://www.rfc-editor.org/rfc/rfc7592#section-2">RFC 7592 §2</a>) and
 * <a href="https://openid.net/specs/openid-connect-registration-1_0.html">OpenID Connect Dynamic Client Registration
 * 1.0</a> (decision 0018). The server chooses the client id and secret; the caller cannot set {@code client_secret},
 * and the fields an administrator manages ({@code owner}, who owns the client; {@code audience}, what its tokens may
 * address; {@code metadata}, what the login app may trust) are ignored on the way in and kept on update.
 * Every call on an existing client needs its registration access token, which every update replaces; an unknown
 * client and a wrong token get the same {@code invalid_token}, so nothing tells which ids exist.
 */
public final class ClientRegistration {
    /** A registered client with the plaintext credentials of this answer (the secret only when it was issued now). */
    public record Registered(OAuth2Client client, String registrationAccessToken) {
    }

    private final boolean enabled;
    private final ClientService clients;
    private final ClientStore store;
    private final RegistrationPolicy policy;
    private final RegistrationRequest requests;
    private final RegistrationAccessTokens tokens;
    private final SecretHasher hasher;
    private final InitialAccessTokens initialTokens;

    /** {@code initialTokens}: null when registration is open, else the tokens a registration must present. */
    public ClientRegistration(boolean enabled, ClientService clients, ClientStore store, RegistrationPolicy policy,
                              RegistrationRequest requests, RegistrationAccessTokens tokens, SecretHasher hasher,
                              InitialAccessTokens initialTokens) {
        this.enabled = enabled;
        this.clients = clients;
        this.store = store;
        this.policy = policy;
        this.requests = requests;
        this.tokens = tokens;
        this.hasher = hasher;
        this.initialTokens = initialTokens;
    }

    public int maxRequestBytes() {
        return requests.maxBytes();
    }

    /**
     * RFC 7591 §3.1: creates a client from the metadata in {@code body}. With closed registration
     * {@code initialAccessToken} must be usable before the body is looked at, and is spent only once the metadata
     * passed every check, so a refused request does not cost a single-use token.
     */
    public Registered register(byte[] body, String initialAccessToken) {
        requireEnabled();
        if (initialTokens != null) {
            initialTokens.requireUsable(initialAccessToken);
        }
        OAuth2Client input = requests.parse(body);
        if (input.clientSecret() != null) {
            throw OAuth2Error.INVALID_CLIENT_METADATA.withHint("Field 'client_secret' cannot be chosen by the "
                    + "client; the server issues one.").toException();
        }
        OAuth2Client metadata = input.toBuilder().clientId(null).owner(null).audience(null).metadata(null).build();
        policy.check(metadata);
        String token = tokens.generate();
        Runnable admit = initialTokens == null ? () -> { } : () -> initialTokens.use(initialAccessToken);
        return new Registered(clients.create(metadata, RegistrationAccessTokens.hash(token), admit), token);
    }

    /** RFC 7592 §2.1: the client as registered, without its secret (only its hash is stored). */
    public Registered read(String clientId, String token) {
        return new Registered(authorize(clientId, token).client(), token);
    }

    /**
     * RFC 7592 §2.2: replaces the client's metadata with {@code body}. A {@code client_id} in the body must be the
     * client's own and a {@code client_secret} its current secret; the registration access token is replaced.
     */
    public Registered update(String clientId, String token, byte[] body) {
        StoredClient existing = authorize(clientId, token);
        OAuth2Client input = requests.parse(body);
        if (input.clientId() != null && !input.clientId().equals(clientId)) {
            throw OAuth2Error.INVALID_CLIENT_METADATA.withHint("Field 'client_id' must be the client's own id.")
                    .toException();
        }
        if (input.clientSecret() != null && (existing.secretHash() == null
                || !hasher.matches(input.clientSecret(), existing.secretHash()))) {
            throw OAuth2Error.INVALID_CLIENT_METADATA.withHint("Field 'client_secret' must be left out or be the "
                    + "client's current secret; a client cannot choose its secret.").toException();
        }
        OAuth2Client current = existing.client();
        OAuth2Client metadata = input.toBuilder().owner(current.owner()).audience(current.audience())
                .metadata(current.metadata()).build();
        policy.check(metadata);
        String newToken = tokens.generate();
        Optional<OAuth2Client> updated = clients.updateRegistered(existing, metadata,
                RegistrationAccessTokens.hash(newToken));
        return new Registered(updated.orElseThrow(ClientRegistration::invalidToken), newToken);
    }

    /** RFC 7592 §2.3: deletes the client and everything issued to it. */
    public void delete(String clientId, String token) {
        authorize(clientId, token);
        if (!store.delete(clientId)) {
            throw invalidToken();
        }
    }

    private StoredClient authorize(String clientId, String token) {
        requireEnabled();
        Optional<StoredClient> found = token == null || token.isEmpty() ? Optional.empty() : store.find(clientId);
        String storedHash = found.map(StoredClient::registrationTokenHash).orElse(null);
        if (!RegistrationAccessTokens.matches(token, storedHash)) {
            throw invalidToken();
        }
        return found.get();
    }

    private void requireEnabled() {
        if (!enabled) {
            throw OAuth2Error.NOT_FOUND.withHint("Dynamic client registration is not enabled on this server.")
                    .toException();
        }
    }

    /** RFC 7592 §2: "If the registration access token used ... is not valid, the server MUST respond with 401". */
    private static OAuth2Exception invalidToken() {
        return OAuth2Error.INVALID_TOKEN.withHint("The registration access token is not valid for this client.")
                .toException();
    }
}
