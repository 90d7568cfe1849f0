package org.openauthz.authz.oauth2.token;

import org.openauthz.authz.client.OAuth2Client;
import org.openauthz.authz.crypto.OpaqueTokens;
import org.openauthz.authz.oauth2.OAuth2Exception;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Finds the stored row of a token a client presents, and says whether it is still good: active (not used, not
 * revoked) and not expired. Introspection, revocation, userinfo and the code and refresh grants all look tokens up
 * here; each keeps its own answer for a token that is not good.
 */
public final class TokenLookup {
    private final OpaqueTokens tokens;
    private final JwtStorageKeys jwtAccessTokens;
    private final TokenStore store;
    private final Clock clock;

    public TokenLookup(OpaqueTokens tokens, JwtStorageKeys jwtAccessTokens, TokenStore store, Clock clock) {
        this.tokens = tokens;
        this.jwtAccessTokens = jwtAccessTokens;
        this.store = store;
        this.clock = clock;
    }

    /** A stored token and the kind of row it was found as. */
    public record Found(TokenKind kind, String signature, TokenRecord record) {
    }

    /**
     * How a grant refuses a presented code or refresh token, in its own words (Hydra's hints differ per grant, and
     * reuse of a refresh token is {@code token_inactive} where a used code is {@code invalid_grant}).
     */
    public record Refusals(Supplier<OAuth2Exception> unknown, Supplier<OAuth2Exception> otherClient,
                           Supplier<OAuth2Exception> used, Supplier<OAuth2Exception> expired) {
    }

    /**
     * The row of the first kind that holds the token. Empty when the token is malformed, forged (its HMAC or JWT
     * signature does not verify) or unknown. Opaque tokens can be of any kind, JWTs only access tokens; both formats
     * are recognised whatever {@code strategies.access_token} says now, so tokens issued before a change of strategy
     * keep working until they expire.
     */
    public Optional<Found> find(String token, List<TokenKind> kinds) {
        Optional<String> signature = tokens.verifiedSignature(token);
        if (signature.isPresent()) {
            return find(signature.get(), kinds.stream());
        }
        if (!kinds.contains(TokenKind.ACCESS_TOKEN)) {
            return Optional.empty();
        }
        return jwtAccessTokens.of(token).flatMap(key -> find(key, Stream.of(TokenKind.ACCESS_TOKEN)));
    }

    private Optional<Found> find(String signature, Stream<TokenKind> kinds) {
        return kinds.flatMap(kind -> store.find(kind, signature).map(row -> new Found(kind, signature, row)).stream())
                .findFirst();
    }

    /** Active and not expired now. */
    public boolean isActive(TokenRecord record) {
        return record.active() && !record.expiredAt(clock.instant());
    }

    /** {@link #find}, but empty unless the row found is active and not expired. */
    public Optional<Found> active(String token, List<TokenKind> kinds) {
        return find(token, kinds).filter(found -> isActive(found.record()));
    }

    /**
     * A code or refresh token presented at the token endpoint to be redeemed: it must exist, have been issued to
     * {@code client}, be unused and unexpired, checked in that order. A used one revokes its whole grant first,
     * since whoever presents it may hold a stolen copy (<a href="https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2">
     * RFC 6749 §4.1.2</a>, <a href="https://www.rfc-editor.org/rfc/rfc9700#section-4.14.2">RFC 9700 §4.14.2</a>).
     */
    public Found redeemable(TokenKind kind, String token, OAuth2Client client, Refusals refusals) {
        // Codes and refresh tokens are opaque only; the store may answer from memory, since redeeming is conditional
        // on the stored row anyway (TokenStore.findForRedemption).
        Found found = tokens.verifiedSignature(token)
                .flatMap(signature -> store.findForRedemption(kind, signature).map(row -> new Found(kind, signature, row)))
                .orElseThrow(refusals.unknown());
        TokenRecord stored = found.record();
        if (!stored.clientId().equals(client.clientId())) {
            throw refusals.otherClient().get();
        }
        if (!stored.active()) {
            store.revokeRequest(stored.requestId());
            throw refusals.used().get();
        }
        if (stored.expiredAt(clock.instant())) {
            throw refusals.expired().get();
        }
        return found;
    }

    /**
     * The kinds to look in, the hinted one first: the hint only orders the lookups
     * (<a href="https://www.rfc-editor.org/rfc/rfc7662#section-2.1">RFC 7662 §2.1</a>,
     * <a href="https://www.rfc-editor.org/rfc/rfc7009#section-2.1">RFC 7009 §2.1</a>: the server may ignore it).
     */
    public static List<TokenKind> byHint(String tokenTypeHint) {
        return "refresh_token".equals(tokenTypeHint) ? List.of(TokenKind.REFRESH_TOKEN, TokenKind.ACCESS_TOKEN)
                : List.of(TokenKind.ACCESS_TOKEN, TokenKind.REFRESH_TOKEN);
    }
}
