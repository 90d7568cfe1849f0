package org.openauthz.authz.api.admin;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.openauthz.authz.consent.LoginConsentAdmin;
import org.openauthz.authz.consent.LogoutAdmin;
import org.openauthz.authz.consent.admin.RedirectTo;

/**
 * Admin {@code /oauth2/auth/requests/logout[/accept|/reject]}: how the logout app reads a logout request and answers
 * it. The challenge comes as {@code logout_challenge} or {@code challenge}; request bodies are ignored, as in Hydra.
 */
@Path("/oauth2/auth/requests/logout")
@Produces(MediaType.APPLICATION_JSON)
public final class LogoutRequestsResource {
    private final LogoutAdmin admin;

    public LogoutRequestsResource(LogoutAdmin admin) {
        this.admin = admin;
    }

    @GET
    public Response get(@QueryParam("logout_challenge") String challenge, @QueryParam("challenge") String alias) {
        try {
            return Response.ok(admin.getLogoutRequest(either(challenge, alias))).build();
        } catch (LoginConsentAdmin.AlreadyHandled handled) {
            return Response.status(410).entity(new RedirectTo(handled.redirectTo())).build();
        }
    }

    @PUT
    @Path("/accept")
    public RedirectTo accept(@QueryParam("logout_challenge") String challenge,
                             @QueryParam("challenge") String alias) {
        return admin.acceptLogout(either(challenge, alias));
    }

    @PUT
    @Path("/reject")
    public Response reject(@QueryParam("logout_challenge") String challenge, @QueryParam("challenge") String alias) {
        admin.rejectLogout(either(challenge, alias));
        return Response.noContent().build();
    }

    private static String either(String specific, String alias) {
        return specific != null && !specific.isEmpty() ? specific : alias;
    }
}
