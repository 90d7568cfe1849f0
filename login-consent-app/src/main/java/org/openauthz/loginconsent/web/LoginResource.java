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
import org.openauthz.admin.client.model.AcceptLoginRequest;
import org.openauthz.admin.client.model.LoginRequest;
import org.openauthz.loginconsent.admin.AdminGateway;
import org.openauthz.loginconsent.identity.IdentityProvider;
import org.openauthz.loginconsent.identity.User;
import org.openauthz.loginconsent.views.LoginView;

import java.util.Optional;

/**
 * {@code /login}: the login step of the flow (docs/custom-idp.md §2). The authorization server sends the
 * browser here with a {@code login_challenge}; we either accept at once ({@code skip}: the browser has a remembered
 * session) or ask for credentials, then accept or reject through the admin API and send the browser to its
 * {@code redirect_to}.
 */
@Path("/login")
@Produces("text/html;charset=UTF-8")
public final class LoginResource {
    /** As Hydra's reference app: a remembered login lasts an hour. */
    static final long REMEMBER_FOR_SECONDS = 3600;
    /** Hydra's reference app's acr: no particular authentication context class. */
    static final String ACR = "0";
    static final String DENY = "Deny access";

    private final AdminGateway admin;
    private final IdentityProvider users;
    private final CsrfGuard csrf;

    public LoginResource(AdminGateway admin, IdentityProvider users, CsrfGuard csrf) {
        this.admin = admin;
        this.users = users;
        this.csrf = csrf;
    }

    @GET
    public Response show(@QueryParam("login_challenge") String loginChallenge,
                         @CookieParam(CsrfGuard.COOKIE) String csrfCookie,
                         @Context HttpHeaders headers, @Context UriInfo uri) {
        String challenge = Challenges.require(loginChallenge, "login_challenge");
        LoginRequest request = admin.loginRequest(challenge);
        if (Boolean.TRUE.equals(request.getSkip())) {
            // The server already knows this browser's user: it requires an accept with the same subject
            // (docs/custom-idp.md §4).
            return Redirects.to(admin.acceptLogin(challenge, accept(request.getSubject())));
        }
        String token = csrf.tokenFor(csrfCookie);
        return Response.ok(LoginView.first(challenge, request, token, users.demoCredentials()))
                .cookie(csrf.cookie(token, Redirects.overHttps(headers, uri)))
                .build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response submit(@FormParam("challenge") String formChallenge,
                           @FormParam(CsrfGuard.FIELD) String csrfField,
                           @CookieParam(CsrfGuard.COOKIE) String csrfCookie,
                           @FormParam("email") String email,
                           @FormParam("password") String password,
                           @FormParam("remember") String remember,
                           @FormParam("submit") String submit,
                           @Context HttpHeaders headers, @Context UriInfo uri) {
        if (!csrf.matches(csrfCookie, csrfField)) {
            throw PageException.csrf();
        }
        String challenge = Challenges.require(formChallenge, "challenge");
        if (DENY.equals(submit)) {
            return Redirects.to(admin.rejectLogin(challenge, Denial.byResourceOwner()));
        }
        Optional<User> user = users.authenticate(email, password);
        if (user.isEmpty()) {
            // 200 like Hydra's reference app: the page itself is the answer, with the message and the email kept.
            return Response.ok(LoginView.retry(challenge, csrfCookie, email, users.demoCredentials()))
                    .cookie(csrf.cookie(csrfCookie, Redirects.overHttps(headers, uri)))
                    .build();
        }
        boolean rememberMe = remember != null && !remember.isEmpty();
        AcceptLoginRequest body = accept(user.get().subject())
                .remember(rememberMe)
                .rememberFor(REMEMBER_FOR_SECONDS)
                .acr(ACR);
        return Redirects.to(admin.acceptLogin(challenge, body));
    }

    /**
     * The generated model starts {@code amr} and {@code context} as empty collections; a Hydra v1.10.2 admin API
     * rejects the unknown {@code amr} field, so both are left out as Hydra's reference app leaves them out.
     */
    private static AcceptLoginRequest accept(String subject) {
        return new AcceptLoginRequest().subject(subject).amr(null).context(null);
    }
}
