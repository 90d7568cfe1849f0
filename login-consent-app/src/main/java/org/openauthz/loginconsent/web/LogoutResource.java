package org.openauthz.loginconsent.web;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.openauthz.admin.client.model.LogoutRequest;
import org.openauthz.loginconsent.admin.AdminFailure;
import org.openauthz.loginconsent.admin.AdminGateway;
import org.openauthz.loginconsent.identity.IdentityProvider;
import org.openauthz.loginconsent.views.LogoutView;
import org.openauthz.loginconsent.views.StillSignedInView;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code /logout}: the logout confirmation of Hydra v1.10's flow. A client sends the browser to the server's
 * end-session endpoint ({@code GET /oauth2/sessions/logout}, OpenID Connect RP-Initiated Logout 1.0,
 * https://openid.net/specs/openid-connect-rpinitiated-1_0.html); the server sends it on here with a
 * {@code logout_challenge}. The spec lets the OP ask the End-User whether to log out (§2); like Hydra's reference
 * app, we always ask. "Yes" accepts through the admin API and sends the browser to its {@code redirect_to}, where the
 * server ends the session and goes on to the client's {@code post_logout_redirect_uri}. "No" rejects, and the server
 * then sends the browser nowhere: we say that the person is still signed in.
 */
@Path("/logout")
@Produces("text/html;charset=UTF-8")
public final class LogoutResource {
    /** The value of the "No" button, as in Hydra's reference app (its "Yes" button has the value "Yes"). */
    static final String NO = "No";

    private final AdminGateway admin;
    private final IdentityProvider users;
    private final CsrfGuard csrf;

    public LogoutResource(AdminGateway admin, IdentityProvider users, CsrfGuard csrf) {
        this.admin = admin;
        this.users = users;
        this.csrf = csrf;
    }

    @GET
    public Response show(@QueryParam("logout_challenge") String logoutChallenge,
                         @CookieParam(CsrfGuard.COOKIE) String csrfCookie,
                         @Context HttpHeaders headers, @Context UriInfo uri) {
        String challenge = SignOutPages.requireChallenge(logoutChallenge, "logout_challenge");
        LogoutRequest request = explained(() -> admin.logoutRequest(challenge));
        String token = csrf.tokenFor(csrfCookie);
        String subject = request.getSubject();
        return Response.ok(LogoutView.of(challenge, request, token,
                        subject == null || subject.isBlank() ? Optional.empty() : users.find(subject)))
                .cookie(csrf.cookie(token, Redirects.overHttps(headers, uri)))
                .build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response submit(@FormParam("challenge") String formChallenge,
                           @FormParam(CsrfGuard.FIELD) String csrfField,
                           @CookieParam(CsrfGuard.COOKIE) String csrfCookie,
                           @FormParam("submit") String submit) {
        if (!csrf.matches(csrfCookie, csrfField)) {
            throw SignOutPages.csrf();
        }
        String challenge = SignOutPages.requireChallenge(formChallenge, "challenge");
        if (NO.equals(submit)) {
            // Read before rejecting: afterwards the server no longer knows the request, and the page wants to name
            // the client. This also turns an unknown or used challenge into its error page before anything changes.
            LogoutRequest request = explained(() -> admin.logoutRequest(challenge));
            explained(() -> {
                admin.rejectLogout(challenge);
                return null;
            });
            return Response.ok(StillSignedInView.of(request)).build();
        }
        // As the reference app: anything but "No" (also a form sent with Enter, without a button) logs out.
        return Redirects.to(explained(() -> admin.acceptLogout(challenge)));
    }

    /** Admin failures explained in words about logging out, with the statuses the other pages use. */
    private static <T> T explained(Supplier<T> call) {
        try {
            return call.get();
        } catch (AdminFailure failure) {
            throw SignOutPages.fromAdmin(failure);
        }
    }
}
