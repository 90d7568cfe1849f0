package org.openauthz.authz.api.publicapi;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.openauthz.authz.oauth2.oidc.DiscoveryDocument;

import java.util.Map;

/** {@code GET /.well-known/openid-configuration} (OpenID Connect Discovery 1.0 §4). */
@Path("/.well-known/openid-configuration")
public final class DiscoveryResource {
    private final Map<String, Object> document;

    public DiscoveryResource(DiscoveryDocument document) {
        this.document = document.asMap();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> discovery() {
        return document;
    }
}
