package org.openauthz.authz.oauth2;

import org.openauthz.authz.client.OAuth2Client;
import org.openauthz.authz.oauth2.dpop.DpopProof;
import org.openauthz.authz.oauth2.dpop.DpopVerifier;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The token endpoint's protocol core (RFC 6749 §3.2): authenticates the client, then hands the request to the one
 * handler registered for its grant type. A DPoP proof (RFC 9449 §5) is verified after the client is authenticated,
 * so an unauthenticated request spends no proof's {@code jti}.
 */
public final class TokenEndpoint {
    private final ClientAuthenticator authenticator;
    private final Map<String, GrantHandler> handlers;
    private final DpopVerifier dpop;
    private final String url;

    /** @param url the token endpoint's public URL, which a DPoP proof's {@code htu} must name */
    public TokenEndpoint(ClientAuthenticator authenticator, List<GrantHandler> handlers, DpopVerifier dpop,
                         String url) {
        this.authenticator = authenticator;
        this.dpop = dpop;
        this.url = url;
        Map<String, GrantHandler> byType = new HashMap<>();
        for (GrantHandler handler : handlers) {
            if (byType.put(handler.grantType(), handler) != null) {
                throw new IllegalArgumentException("two handlers for grant type " + handler.grantType());
            }
        }
        this.handlers = Map.copyOf(byType);
    }

    /** @param dpopProofs every value of the request's {@code DPoP} header, empty when there is none */
    public TokenResponse handle(String authorizationHeader, FormParameters form, List<String> dpopProofs) {
        TokenRequest request = TokenRequest.parse(form);
        GrantHandler handler = handlers.get(request.grantType());
        if (handler == null) {
            throw OAuth2Error.UNSUPPORTED_GRANT_TYPE.withHint("The grant type '" + request.grantType()
                    + "' is not supported.").toException();
        }
        OAuth2Client client = authenticator.authenticate(authorizationHeader, form);
        if (!client.effectiveGrantTypes().contains(request.grantType())) {
            throw OAuth2Error.UNAUTHORIZED_CLIENT.withHint("The OAuth 2.0 Client is not allowed to use authorization "
                    + "grant '" + request.grantType() + "'.").toException();
        }
        Optional<DpopProof> proof = dpop.verify(dpopProofs, "POST", url, null);
        if (proof.isEmpty() && Boolean.TRUE.equals(client.dpopBoundAccessTokens())) {
            // RFC 9449 §5.2: such a client always sends a proof; one that does not is refused.
            throw OAuth2Error.INVALID_DPOP_PROOF.withHint("The OAuth 2.0 Client must send a DPoP proof "
                    + "(dpop_bound_access_tokens).").toException();
        }
        return handler.handle(request.withDpop(proof.orElse(null)), client);
    }
}
