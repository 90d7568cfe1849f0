package org.openauthz.authz.api.admin;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.openauthz.authz.consent.LoginConsentAdmin;
import org.openauthz.authz.consent.admin.PreviousConsentSession;
import org.openauthz.authz.storage.Page;

/**
 * Admin {@code /oauth2/auth/sessions/consent} (list and revoke a subject's consents, revoking their tokens) and
 * {@code /oauth2/auth/sessions/login} (forget a subject's login sessions), as in Hydra v1.10.
 */
@Path("/oauth2/auth/sessions")
@Produces(MediaType.APPLICATION_JSON)
public final class SessionsResource {
    private final LoginConsentAdmin admin;

    public SessionsResource(LoginConsentAdmin admin) {
        this.admin = admin;
    }

    @GET
    @Path("/consent")
    public Response listConsent(@QueryParam("subject") String subject, @QueryParam("limit") String limit,
                                @QueryParam("offset") String offset, @Context UriInfo uri) {
        Pagination paging = Pagination.parse(limit, offset);
        Page<PreviousConsentSession> page = admin.consentSessions(subject, paging.limit(), paging.offset());
        return paging.headers(Response.ok(page.items()), uri, page.total()).build();
    }

    @DELETE
    @Path("/consent")
    public Response revokeConsent(@QueryParam("subject") String subject, @QueryParam("client") String client,
                                  @QueryParam("all") boolean all) {
        admin.revokeConsentSessions(subject, client, all);
        return Response.noContent().build();
    }

    @DELETE
    @Path("/login")
    public Response revokeLogin(@QueryParam("subject") String subject) {
        admin.revokeLoginSessions(subject);
        return Response.noContent().build();
    }
}
