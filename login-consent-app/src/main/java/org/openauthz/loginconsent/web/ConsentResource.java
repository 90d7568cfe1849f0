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
import org.openauthz.admin.client.model.AcceptConsentRequest;
import org.openauthz.admin.client.model.ConsentRequest;
import org.openauthz.admin.client.model.ConsentRequestSession;
import org.openauthz.loginconsent.admin.AdminGateway;
import org.openauthz.loginconsent.identity.IdentityProvider;
import org.openauthz.loginconsent.identity.ReleasedClaims;
import org.openauthz.loginconsent.views.ConsentView;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /consent}: the consent step of the flow (docs/custom-idp.md §2). The authorization server sends the
 * browser here with a {@code consent_challenge}; we accept at once when it says {@code skip} (a remembered consent
 * covers the scopes), else ask which scopes to grant, then accept or reject through the admin API and send the
 * browser to its {@code redirect_to}.
 */
@Path("/consent")
@Produces("text/html;charset=UTF-8")
public final class ConsentResource {
    /** As Hydra's reference app: "Do not ask me again" lasts an hour (0 would mean forever for consent). */
    static final long REMEMBER_FOR_SECONDS = 3600;

    private final AdminGateway admin;
    private final IdentityProvider users;
    private final CsrfGuard csrf;

    public ConsentResource(AdminGateway admin, IdentityProvider users, CsrfGuard csrf) {
        this.admin = admin;
        this.users = users;
        this.csrf = csrf;
    }

    @GET
    public Response show(@QueryParam("consent_challenge") String consentChallenge,
                         @CookieParam(CsrfGuard.COOKIE) String csrfCookie,
                         @Context HttpHeaders headers, @Context UriInfo uri) {
        String challenge = Challenges.require(consentChallenge, "consent_challenge");
        ConsentRequest request = admin.consentRequest(challenge);
        if (Boolean.TRUE.equals(request.getSkip())) {
            // A remembered consent covers these scopes: no page, but the server still needs an accept
            // (docs/custom-idp.md §4). Like Hydra's reference app, grant what was requested; remember is not repeated
            // (the server ignores it here).
            return Redirects.to(admin.acceptConsent(challenge, accept(request, requested(request))));
        }
        String token = csrf.tokenFor(csrfCookie);
        return Response.ok(ConsentView.of(challenge, request, token))
                .cookie(csrf.cookie(token, Redirects.overHttps(headers, uri)))
                .build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response submit(@FormParam("challenge") String formChallenge,
                           @FormParam(CsrfGuard.FIELD) String csrfField,
                           @CookieParam(CsrfGuard.COOKIE) String csrfCookie,
                           @FormParam("grant_scope") List<String> checked,
                           @FormParam("remember") String remember,
                           @FormParam("submit") String submit) {
        if (!csrf.matches(csrfCookie, csrfField)) {
            throw PageException.csrf();
        }
        String challenge = Challenges.require(formChallenge, "challenge");
        if (LoginResource.DENY.equals(submit)) {
            return Redirects.to(admin.rejectConsent(challenge, Denial.byResourceOwner()));
        }
        // Read the request again: the form cannot be trusted to say what was requested or who the subject is.
        ConsentRequest request = admin.consentRequest(challenge);
        Set<String> ticked = checked == null ? Set.of() : Set.copyOf(checked);
        List<String> granted = requested(request).stream().filter(ticked::contains).toList();
        boolean rememberMe = remember != null && !remember.isEmpty();
        AcceptConsentRequest body = accept(request, granted).remember(rememberMe).rememberFor(REMEMBER_FOR_SECONDS);
        return Redirects.to(admin.acceptConsent(challenge, body));
    }

    private AcceptConsentRequest accept(ConsentRequest request, List<String> granted) {
        Map<String, Object> idToken = users.find(request.getSubject())
                .map(user -> ReleasedClaims.of(user, granted))
                .orElseGet(HashMap::new);
        List<String> audience = request.getRequestedAccessTokenAudience() == null ? List.of()
                : request.getRequestedAccessTokenAudience();
        return new AcceptConsentRequest()
                .grantScope(granted)
                .grantAccessTokenAudience(audience)
                .session(new ConsentRequestSession().accessToken(new HashMap<>()).idToken(idToken));
    }

    private static List<String> requested(ConsentRequest request) {
        return request.getRequestedScope() == null ? List.of() : request.getRequestedScope();
    }
}
