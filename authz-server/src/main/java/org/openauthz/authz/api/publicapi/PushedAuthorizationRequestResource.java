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
import org.openauthz.authz.client.OAuth2Client;
import org.openauthz.authz.oauth2.ClientAuthenticator;
import org.openauthz.authz.oauth2.FormParameters;
import org.openauthz.authz.oauth2.dpop.DpopVerifier;
import org.openauthz.authz.oauth2.par.PushedAuthorizationRequests;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /oauth2/par}: the pushed authorization request endpoint
 * (<a href="https://www.rfc-editor.org/rfc/rfc9126#section-2">RFC 9126 §2</a>). The client authenticates exactly as at
 * the token endpoint (§2: "the same rules for client authentication"); the answer is 201 with the
 * {@code request_uri} and its lifetime (§2.2), errors are JSON as at the token endpoint (§2.3). A {@code DPoP} header
 * binds the code to the proof's key (<a href="https://www.rfc-editor.org/rfc/rfc9449#section-10.1">RFC 9449 §10.1</a>).
 */
@Path("/oauth2/par")
public final class PushedAuthorizationRequestResource {
    private final ClientAuthenticator authenticator;
    private final PushedAuthorizationRequests pushed;

    public PushedAuthorizationRequestResource(ClientAuthenticator authenticator, PushedAuthorizationRequests pushed) {
        this.authenticator = authenticator;
        this.pushed = pushed;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Response push(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                         @HeaderParam(DpopVerifier.HEADER) List<String> dpopProofs,
                         MultivaluedMap<String, String> body) {
        OAuth2Client client = authenticator.authenticate(authorization, new FormParameters(body));
        PushedAuthorizationRequests.Pushed result = pushed.push(client, body,
                dpopProofs == null ? List.of() : dpopProofs);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("request_uri", result.requestUri());
        json.put("expires_in", result.expiresIn());
        return Response.status(201).entity(json).header("Cache-Control", "no-store").header("Pragma", "no-cache")
                .build();
    }
}
