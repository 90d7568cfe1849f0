package org.openauthz.authz.oauth2.oidc;

import org.openauthz.authz.client.OAuth2Client;
import org.openauthz.authz.oauth2.OAuth2Error;
import org.openauthz.authz.oauth2.dpop.DpopBinding;
import org.openauthz.authz.oauth2.dpop.DpopProof;
import org.openauthz.authz.oauth2.dpop.DpopVerifier;
import org.openauthz.authz.oauth2.token.SessionCodec;
import org.openauthz.authz.oauth2.token.TokenKind;
import org.openauthz.authz.oauth2.token.TokenLookup;
import org.openauthz.authz.oauth2.token.TokenRecord;
import org.openauthz.authz.oauth2.token.TokenSession;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The userinfo endpoint's core (OpenID Connect Core §5.3): the ID-token claims of the grant behind an access token,
 * without the claims that only make sense in an ID token (as Hydra v1.10 does), optionally as a signed JWT (§5.3.2).
 * A token bound to a DPoP key is only accepted as {@code Authorization: DPoP} with a proof of that key
 * (<a href="https://www.rfc-editor.org/rfc/rfc9449#section-7.1">RFC 9449 §7.1</a>); a bearer token only as Bearer.
 */
public final class Userinfo {
    private static final Set<String> ID_TOKEN_ONLY = Set.of("nonce", "at_hash", "c_hash", "exp", "sid", "jti");

    /** A refresh token is looked for too, only to say why it is refused. */
    private static final List<TokenKind> KINDS = List.of(TokenKind.ACCESS_TOKEN, TokenKind.REFRESH_TOKEN);

    private final TokenLookup lookup;
    private final SessionCodec sessions;
    private final IdTokens idTokens;
    private final Function<String, Optional<OAuth2Client>> clients;
    private final String issuer;
    private final DpopVerifier dpop;
    private final String url;

    /** @param url the userinfo endpoint's public URL, which a DPoP proof's {@code htu} must name */
    public Userinfo(TokenLookup lookup, SessionCodec sessions, IdTokens idTokens,
                    Function<String, Optional<OAuth2Client>> clients, String issuer, DpopVerifier dpop, String url) {
        this.dpop = dpop;
        this.url = url;
        this.lookup = lookup;
        this.sessions = sessions;
        this.idTokens = idTokens;
        this.clients = clients;
        this.issuer = issuer;
    }

    /** JSON claims, or a signed JWT when the client registered {@code userinfo_signed_response_alg: RS256}. */
    public record Answer(Map<String, Object> claims, String jwt) {
    }

    /** How the access token came: the scheme, and the request's DPoP header values and method for the proof. */
    public record Presented(String accessToken, boolean dpopScheme, List<String> dpopProofs, String method) {
        public static Presented bearer(String accessToken) {
            return new Presented(accessToken, false, List.of(), "GET");
        }
    }

    public Answer answer(String accessToken) {
        return answer(Presented.bearer(accessToken));
    }

    public Answer answer(Presented presented) {
        String accessToken = presented.accessToken();
        TokenLookup.Found found = lookup.find(accessToken, KINDS).orElseThrow(Userinfo::invalidToken);
        if (found.kind() != TokenKind.ACCESS_TOKEN) {
            throw OAuth2Error.INVALID_TOKEN.withHint("Only access tokens are allowed in the authorization header.")
                    .toException();
        }
        TokenRecord token = found.record();
        if (!lookup.isActive(token)) {
            throw invalidToken();
        }
        requireSender(token, presented);
        if (!token.grantedScopes().contains("openid")) {
            // RFC 6750 §3.1: the token lacks the scope the resource needs.
            throw new OAuth2Error("insufficient_scope", "The request requires higher privileges than provided by the "
                    + "access token.", "The access token was not granted the 'openid' scope.", 403, null).toException();
        }
        TokenSession session = sessions.decode(token.sessionData());
        Map<String, Object> claims = new LinkedHashMap<>(session.idTokenClaims());
        claims.keySet().removeAll(ID_TOKEN_ONLY);
        claims.put("iss", issuer);
        claims.put("aud", List.of(token.clientId()));
        claims.put("iat", token.requestedAt().getEpochSecond());
        boolean signed = clients.apply(token.clientId()).map(c -> "RS256".equals(c.userinfoSignedResponseAlg()))
                .orElse(false);
        return signed ? new Answer(null, idTokens.signUserinfo(claims)) : new Answer(claims, null);
    }

    private void requireSender(TokenRecord token, Presented presented) {
        if (!presented.dpopScheme()) {
            if (token.dpopJkt() != null) {
                throw OAuth2Error.INVALID_DPOP_PROOF.withStatus(401).withHint("The access token is bound to a DPoP "
                        + "key; present it as 'Authorization: DPoP <token>' with a DPoP proof.").toException();
            }
            return;
        }
        if (token.dpopJkt() == null) {
            throw OAuth2Error.INVALID_TOKEN.withHint("The access token is not bound to a DPoP key; present it as "
                    + "'Authorization: Bearer <token>'.").toException();
        }
        DpopProof proof = verifyProof(presented);
        if (!DpopBinding.matches(token.dpopJkt(), proof)) {
            throw OAuth2Error.INVALID_DPOP_PROOF.withStatus(401).withHint("The DPoP proof is signed with another key "
                    + "than the one the access token is bound to.").toException();
        }
    }

    private DpopProof verifyProof(Presented presented) {
        try {
            return dpop.verify(presented.dpopProofs(), presented.method(), url, presented.accessToken())
                    .orElseThrow(() -> OAuth2Error.INVALID_DPOP_PROOF.withHint("A DPoP access token must come with a "
                            + "DPoP proof.").toException());
        } catch (org.openauthz.authz.oauth2.OAuth2Exception e) {
            // RFC 9449 §7.1: at a protected resource the proof's errors are 401.
            throw e.error().withStatus(401).toException();
        }
    }

    private static org.openauthz.authz.oauth2.OAuth2Exception invalidToken() {
        return OAuth2Error.INVALID_TOKEN.withHint("The access token is unknown, expired or revoked.").toException();
    }
}
