package org.openauthz.authz.api.publicapi;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.openauthz.authz.oauth2.FormParameters;
import org.openauthz.authz.oauth2.TokenEndpoint;

/**
 * {@code POST /oauth2/token}: the token endpoint (RFC 6749 §3.2). Responses are never cached (RFC 6749 §5.1:
 * "Cache-Control: no-store" and "Pragma: no-cache").
 */
@Path("/oauth2/token")
public final class TokenResource {
    private final TokenEndpoint endpoint;

    public TokenResource(TokenEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON + ";charset=UTF-8")
    public Response token(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                          MultivaluedMap<String, String> form) {
        return NoStore.ok(endpoint.handle(authorization, new FormParameters(form)));
    }
}
