package org.openauthz.authz.api.publicapi;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.openauthz.authz.api.errors.ExceptionClassifier;
import org.openauthz.authz.consent.BrowserRequest;
import org.openauthz.authz.consent.EndSession;
import org.openauthz.authz.consent.FlowOutcome;
import org.openauthz.authz.consent.SessionCookies;
import org.openauthz.authz.oauth2.OAuth2Exception;
import org.openauthz.authz.oauth2.authorize.ResponseModeDelivery;

import java.net.URI;
import java.util.List;

/**
 * {@code GET|POST /oauth2/sessions/logout}: the end-session endpoint
 * (<a href="https://openid.net/specs/openid-connect-rpinitiated-1_0.html">OpenID Connect RP-Initiated Logout
 * 1.0</a>); the phases are {@link EndSession}'s. A person is looking at every answer, so errors (also a database
 * that does not answer) go to the error page, as at {@code /oauth2/auth}. As in Hydra, {@code logout_verifier} is
 * read from the query only; a POST's form parameters join those of its query.
 */
@Path("/oauth2/sessions/logout")
public final class EndSessionResource {
    private final EndSession endSession;
    private final ResponseModeDelivery responder;
    private final String endpointUrl;
    private final FlowCookieWriter cookies;
    private final ExceptionClassifier exceptions;

    public EndSessionResource(EndSession endSession, ResponseModeDelivery responder, String endpointUrl,
                              FlowCookieWriter cookies, ExceptionClassifier exceptions) {
        this.endSession = endSession;
        this.responder = responder;
        this.endpointUrl = endpointUrl;
        this.cookies = cookies;
        this.exceptions = exceptions;
    }

    @GET
    public Response get(@Context UriInfo uri, @Context HttpHeaders headers) {
        return logout(uri, uri.getQueryParameters(), headers);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response post(@Context UriInfo uri, MultivaluedMap<String, String> form, @Context HttpHeaders headers) {
        MultivaluedMap<String, String> all = new MultivaluedHashMap<>(uri.getQueryParameters());
        form.forEach((name, values) -> values.forEach(v -> all.add(name, v)));
        return logout(uri, all, headers);
    }

    private Response logout(UriInfo uri, MultivaluedMap<String, String> parameters, HttpHeaders headers) {
        try {
            String rawQuery = uri.getRequestUri().getRawQuery();
            BrowserRequest browser = new BrowserRequest(BrowserReplies.cookies(headers),
                    endpointUrl + (rawQuery == null ? "" : "?" + rawQuery));
            String verifier = uri.getQueryParameters().getFirst("logout_verifier");
            Response.ResponseBuilder response;
            List<SessionCookies.CookieChange> changes;
            if (verifier != null && !verifier.isEmpty()) {
                EndSession.Finished finished = endSession.finish(verifier, browser);
                response = finished.frontChannelUrls().isEmpty()
                        ? Response.status(302).location(URI.create(finished.location()))
                        : FrontChannelPage.response(finished.location(), finished.frontChannelUrls());
                changes = finished.cookies();
            } else {
                FlowOutcome.Redirect outcome = endSession.start(new EndSession.Parameters(
                        parameters.getFirst("id_token_hint"), parameters.getFirst("post_logout_redirect_uri"),
                        parameters.getFirst("state")), browser);
                response = Response.status(302).location(URI.create(outcome.location()));
                changes = outcome.cookies();
            }
            return noStore(this.cookies.write(response, changes)).build();
        } catch (OAuth2Exception e) {
            return errorPage(responder.errorPage(e.error()));
        } catch (RuntimeException e) {
            if (!exceptions.unavailable(e)) {
                throw e;
            }
            return errorPage(responder.errorPage(exceptions.classify(e)));
        }
    }

    private static Response errorPage(ResponseModeDelivery.Reply reply) {
        return noStore(Response.status(302).location(URI.create(reply.location()))).build();
    }

    private static Response.ResponseBuilder noStore(Response.ResponseBuilder response) {
        return response.header("Cache-Control", "no-store").header("Pragma", "no-cache");
    }
}
