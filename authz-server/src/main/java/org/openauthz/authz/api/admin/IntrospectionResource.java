package org.openauthz.authz.api.admin;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.openauthz.authz.api.publicapi.NoStore;
import org.openauthz.authz.oauth2.FormParameters;
import org.openauthz.authz.oauth2.token.Introspector;

/**
 * Admin {@code POST /oauth2/introspect} (RFC 7662 §2). As in Hydra v1.10 it lives on the admin port without client
 * authentication (reference §9A item 13): the admin port must not be reachable from the public internet.
 */
@Path("/oauth2/introspect")
public final class IntrospectionResource {
    private final Introspector introspector;

    public IntrospectionResource(Introspector introspector) {
        this.introspector = introspector;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON + ";charset=UTF-8")
    public Response introspect(MultivaluedMap<String, String> body) {
        FormParameters form = new FormParameters(body);
        String token = form.require("token");
        return NoStore.ok(introspector.introspect(token, form.get("token_type_hint"), form.words("scope")));
    }
}
