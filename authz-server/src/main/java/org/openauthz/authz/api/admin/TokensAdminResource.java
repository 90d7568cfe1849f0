package org.openauthz.authz.api.admin;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.openauthz.authz.oauth2.OAuth2Error;
import org.openauthz.authz.oauth2.token.TokenJanitor;

import java.time.Instant;

/**
 * Admin {@code POST /oauth2/flush} (delete expired tokens older than {@code notAfter}) and
 * {@code DELETE /oauth2/tokens?client_id=} (delete a client's access tokens), as in Hydra v1.10.
 */
@Path("/oauth2")
public final class TokensAdminResource {
    private final TokenJanitor janitor;

    public TokensAdminResource(TokenJanitor janitor) {
        this.janitor = janitor;
    }

    /** Body of the flush request; {@code notAfter} is RFC 3339 and defaults to now. */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record FlushRequest(@JsonProperty("notAfter") Instant notAfter) {
    }

    @POST
    @Path("/flush")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response flush(FlushRequest body) {
        janitor.flush(body == null ? null : body.notAfter());
        return Response.noContent().build();
    }

    @DELETE
    @Path("/tokens")
    public Response deleteClientTokens(@QueryParam("client_id") String clientId) {
        if (clientId == null || clientId.isEmpty()) {
            throw OAuth2Error.INVALID_REQUEST.withHint("Query parameter 'client_id' is required.").toException();
        }
        janitor.deleteAccessTokensOf(clientId);
        return Response.noContent().build();
    }
}
