package org.openauthz.authz.api.admin;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.openauthz.authz.consent.LoginConsentAdmin;
import org.openauthz.authz.consent.RequestDenial;
import org.openauthz.authz.consent.admin.AcceptConsent;
import org.openauthz.authz.consent.admin.AcceptLogin;
import org.openauthz.authz.consent.admin.RedirectTo;

/**
 * Admin {@code /oauth2/auth/requests/login|consent[/accept|/reject]} (docs/custom-idp.md §3): how the login and
 * consent apps read a request and answer it. The challenge comes as {@code login_challenge} /
 * {@code consent_challenge}, or as {@code challenge} (Hydra accepts both).
 */
@Path("/oauth2/auth/requests")
@Produces(MediaType.APPLICATION_JSON)
public final class LoginConsentResource {
    private final LoginConsentAdmin admin;

    public LoginConsentResource(LoginConsentAdmin admin) {
        this.admin = admin;
    }

    @GET
    @Path("/login")
    public Response getLogin(@QueryParam("login_challenge") String challenge, @QueryParam("challenge") String alias) {
        try {
            return Response.ok(admin.getLoginRequest(either(challenge, alias))).build();
        } catch (LoginConsentAdmin.AlreadyHandled handled) {
            return gone(handled);
        }
    }

    @PUT
    @Path("/login/accept")
    @Consumes(MediaType.APPLICATION_JSON)
    public RedirectTo acceptLogin(@QueryParam("login_challenge") String challenge,
                                  @QueryParam("challenge") String alias, AcceptLogin body) {
        return admin.acceptLogin(either(challenge, alias), ClientsResource.requireBody(body));
    }

    @PUT
    @Path("/login/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    public RedirectTo rejectLogin(@QueryParam("login_challenge") String challenge,
                                  @QueryParam("challenge") String alias, RequestDenial body) {
        return admin.rejectLogin(either(challenge, alias), body);
    }

    @GET
    @Path("/consent")
    public Response getConsent(@QueryParam("consent_challenge") String challenge,
                               @QueryParam("challenge") String alias) {
        try {
            return Response.ok(admin.getConsentRequest(either(challenge, alias))).build();
        } catch (LoginConsentAdmin.AlreadyHandled handled) {
            return gone(handled);
        }
    }

    @PUT
    @Path("/consent/accept")
    @Consumes(MediaType.APPLICATION_JSON)
    public RedirectTo acceptConsent(@QueryParam("consent_challenge") String challenge,
                                    @QueryParam("challenge") String alias, AcceptConsent body) {
        return admin.acceptConsent(either(challenge, alias), ClientsResource.requireBody(body));
    }

    @PUT
    @Path("/consent/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    public RedirectTo rejectConsent(@QueryParam("consent_challenge") String challenge,
                                    @QueryParam("challenge") String alias, RequestDenial body) {
        return admin.rejectConsent(either(challenge, alias), body);
    }

    /**
     * As in Hydra v1.10.2+, a request whose verifier was used answers 410 with where it led (docs/custom-idp.md §5).
     */
    private static Response gone(LoginConsentAdmin.AlreadyHandled handled) {
        return Response.status(410).entity(new RedirectTo(handled.redirectTo())).build();
    }

    private static String either(String specific, String alias) {
        return specific != null && !specific.isEmpty() ? specific : alias;
    }
}
