package org.openauthz.authz.oauth2.par;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A pushed authorization request as stored (RFC 9126 §2.2): the parameters of a validated authorization request,
 * the client that pushed it, and when its {@code request_uri} stops working. The key is a SHA-256 of the
 * {@code request_uri}, never the reference itself.
 */
public record PushedRequest(String signature, String clientId, Map<String, List<String>> parameters,
                            Instant expiresAt) {
    public PushedRequest {
        parameters = Map.copyOf(parameters);
    }
}
