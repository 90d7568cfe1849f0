package org.openauthz.authz.oauth2;

import org.openauthz.authz.client.OAuth2Client;

import java.util.List;
import java.util.Optional;

/**
 * The scopes a client may have: its registered {@code scope}, matched with the server's {@link ScopeStrategy}
 * (Hydra's {@code strategies.scope}). A client never gets a scope beyond them, whether it asks for it
 * (<a href="https://www.rfc-editor.org/rfc/rfc6749#section-3.3">RFC 6749 §3.3</a>), a consent app grants it, or a
 * refresh re-issues it after the registration shrank.
 */
public final class ClientScopes {
    private final ScopeStrategy strategy;

    public ClientScopes(ScopeStrategy strategy) {
        this.strategy = strategy;
    }

    /** Throws {@code invalid_scope} naming the first requested scope the client may not request. */
    public void requireAllowed(OAuth2Client client, List<String> requested) {
        firstNotAllowed(client, requested).ifPresent(scope -> {
            throw OAuth2Error.INVALID_SCOPE.withHint("The OAuth 2.0 Client is not allowed to request scope '"
                    + scope + "'.").toException();
        });
    }

    /**
     * Throws {@code invalid_scope} naming the first scope of an earlier grant that the client may no longer use: a
     * refresh re-issues the grant as it was (RFC 6749 §6: the scope may not grow), but not beyond the registration.
     */
    public void requireStillAllowed(OAuth2Client client, List<String> granted) {
        firstNotAllowed(client, granted).ifPresent(scope -> {
            throw OAuth2Error.INVALID_SCOPE.withHint("The OAuth 2.0 Client is no longer allowed to use scope '"
                    + scope + "'.").toException();
        });
    }

    /** The scopes of {@code scopes} the client may have, in their order; a consent app can grant no others. */
    public List<String> allowedOf(OAuth2Client client, List<String> scopes) {
        return scopes.stream().filter(scope -> allows(client, scope)).toList();
    }

    private Optional<String> firstNotAllowed(OAuth2Client client, List<String> scopes) {
        return scopes.stream().filter(scope -> !allows(client, scope)).findFirst();
    }

    private boolean allows(OAuth2Client client, String scope) {
        return strategy.allows(client.scopes(), scope);
    }
}
