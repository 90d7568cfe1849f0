package org.openauthz.authz.oauth2.hook;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.openauthz.authz.oauth2.token.TokenSession;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;

/**
 * The token endpoint's hooks, called after a grant is validated and before anything is minted or stored, so that a
 * hook that fails or denies leaves storage as it was (decision 0014):
 * <ul>
 *   <li>{@code oauth2.refresh_token_hook} (Hydra v1.10.7): refresh token grants only;</li>
 *   <li>{@code oauth2.token_hook} (Hydra v2): every grant of the token endpoint, after the refresh hook.</li>
 * </ul>
 * Each may replace the custom claims of the tokens about to be issued ({@link SessionClaims}).
 */
public final class TokenHooks {
    /** No hook configured: the session is issued as it is. */
    public static final TokenHooks NONE = new TokenHooks(null, null);

    private final HookCall refreshTokenHook;
    private final HookCall tokenHook;

    private TokenHooks(HookCall refreshTokenHook, HookCall tokenHook) {
        this.refreshTokenHook = refreshTokenHook;
        this.tokenHook = tokenHook;
    }

    /** {@code refreshTokenHook}, {@code tokenHook}: null when not configured. */
    public static TokenHooks of(URI refreshTokenHook, URI tokenHook, Duration timeout, ObjectMapper json) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .build();
        return new TokenHooks(
                refreshTokenHook == null ? null
                        : new HookCall("refresh token hook", refreshTokenHook, timeout, http, json),
                tokenHook == null ? null : new HookCall("token hook", tokenHook, timeout, http, json));
    }

    /**
     * The session to issue tokens with: {@code grant}'s, with the claims the hooks answered. Throws
     * {@code access_denied} when a hook denies and {@code temporarily_unavailable} when one fails.
     */
    public TokenSession beforeIssue(HookedGrant grant) {
        TokenSession session = grant.session();
        if (refreshTokenHook != null && "refresh_token".equals(grant.grantType())) {
            session = apply(refreshTokenHook.call(HookBodies.refreshTokenHook(grant, session)), session);
        }
        if (tokenHook != null) {
            session = apply(tokenHook.call(HookBodies.tokenHook(grant, session)), session);
        }
        return session;
    }

    private static TokenSession apply(Optional<SessionClaims> answer, TokenSession session) {
        return answer.map(claims -> claims.applyTo(session)).orElse(session);
    }
}
