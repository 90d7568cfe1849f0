package org.openauthz.authz.api.publicapi;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.openauthz.authz.client.OAuth2Client;
import org.openauthz.authz.oauth2.ClientAuthenticator;
import org.openauthz.authz.oauth2.FormParameters;
import org.openauthz.authz.oauth2.token.Revoker;

/**
 * {@code POST /oauth2/revoke}: token revocation (RFC 7009 §2). The client authenticates as at the token endpoint;
 * the answer is an empty 200 whether or not the token was known (§2.2).
 */
@Path("/oauth2/revoke")
public final class RevocationResource {
    private final ClientAuthenticator authenticator;
    private final Revoker revoker;

    public RevocationResource(ClientAuthenticator authenticator, Revoker revoker) {
        this.authenticator = authenticator;
        this.revoker = revoker;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response revoke(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                           MultivaluedMap<String, String> body) {
        FormParameters form = new FormParameters(body);
        String token = form.require("token");
        OAuth2Client client = authenticator.authenticate(authorization, form);
        revoker.revoke(client, token, form.get("token_type_hint"));
        return Response.ok().build();
    }
}
