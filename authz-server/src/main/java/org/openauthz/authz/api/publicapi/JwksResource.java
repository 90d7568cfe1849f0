package org.openauthz.authz.api.publicapi;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.openauthz.authz.jwk.KeyService;

import java.util.List;
import java.util.Map;

/**
 * {@code GET /.well-known/jwks.json}: the public keys of the broadcast sets (RFC 7517 §5), never private parts.
 */
@Path("/.well-known/jwks.json")
public final class JwksResource {
    private final KeyService keys;
    private final List<String> broadcastSets;

    public JwksResource(KeyService keys, List<String> broadcastSets) {
        this.keys = keys;
        this.broadcastSets = List.copyOf(broadcastSets);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> jwks() {
        return keys.publicKeys(broadcastSets).toJSONObject(true);
    }
}
