package org.openauthz.authz.oauth2.token;

import java.util.Optional;

/**
 * The storage key of a presented JWT access token: empty unless this server signed it (see {@link JwtAccessTokens}).
 * {@link TokenLookup} asks it for tokens that are not opaque.
 */
@FunctionalInterface
public interface JwtStorageKeys {
    Optional<String> of(String presentedToken);
}
