package org.openauthz.authz.api.publicapi;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.openauthz.authz.api.errors.ExceptionClassifier;
import org.openauthz.authz.consent.BrowserRequest;
import org.openauthz.authz.consent.ConsentStrategy;
import org.openauthz.authz.consent.FlowOutcome;
import org.openauthz.authz.oauth2.FormParameters;
import org.openauthz.authz.oauth2.OAuth2Exception;
import org.openauthz.authz.oauth2.authorize.AuthorizationRequest;
import org.openauthz.authz.oauth2.authorize.AuthorizeException;
import org.openauthz.authz.oauth2.authorize.AuthorizeRequestValidator;
import org.openauthz.authz.oauth2.authorize.ResponseModeDelivery;
import org.openauthz.authz.oauth2.authorize.ResponseTypeIssuer;
import org.openauthz.authz.oauth2.authorize.RequestObjects;
import org.openauthz.authz.oauth2.authorize.ValidatedAuthorization;
import org.openauthz.authz.oauth2.par.PushedAuthorizationRequests;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET|POST /oauth2/auth}: the authorization endpoint (RFC 6749 §3.1, OpenID Connect Core §3.1.2). It
 * validates the request, hands login and consent to the {@link ConsentStrategy} (the flow is described in
 * docs/architecture.md), and once both are done issues the response. Like Hydra, the consent strategy is called from
 * here, not from the protocol core.
 */
@Path("/oauth2/auth")
public final class AuthorizeResource {
    private static final Set<String> VERIFIERS = Set.of("login_verifier", "consent_verifier");

    private final AuthorizeRequestValidator validator;
    private final ConsentStrategy strategy;
    private final ResponseTypeIssuer issuer;
    private final ResponseModeDelivery responder;
    private final String endpointUrl;
    private final FlowCookieWriter cookies;
    private final ExceptionClassifier exceptions;
    private final PushedAuthorizationRequests pushedRequests;
    private final RequestObjects requestObjects;

    public AuthorizeResource(AuthorizeRequestValidator validator, ConsentStrategy strategy,
                             ResponseTypeIssuer issuer, ResponseModeDelivery responder, String endpointUrl,
                             FlowCookieWriter cookies, ExceptionClassifier exceptions,
                             PushedAuthorizationRequests pushedRequests, RequestObjects requestObjects) {
        this.exceptions = exceptions;
        this.pushedRequests = pushedRequests;
        this.requestObjects = requestObjects;
        this.validator = validator;
        this.strategy = strategy;
        this.issuer = issuer;
        this.responder = responder;
        this.endpointUrl = endpointUrl;
        this.cookies = cookies;
    }

    @GET
    public Response get(@Context UriInfo uri, @Context HttpHeaders headers) {
        return authorize(uri.getQueryParameters(), uri.getRequestUri().getRawQuery(), headers);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response post(MultivaluedMap<String, String> form, @Context HttpHeaders headers) {
        return authorize(form, encode(form), headers);
    }

    private Response authorize(MultivaluedMap<String, String> parameters, String rawQuery, HttpHeaders headers) {
        FormParameters form = new FormParameters(parameters);
        try {
            String consentVerifier = form.get("consent_verifier");
            String loginVerifier = form.get("login_verifier");
            // A pushed request (RFC 9126 §4) is used up here, a request object (RFC 9101 §6) verified; the login and
            // consent apps send the browser back with the parameters they stand for, which the flow then compares
            // as for any other request (decision 0019).
            Optional<Map<String, List<String>>> pushed = pushedRequests.resolve(form);
            Optional<Map<String, List<String>>> expanded = pushed.or(() -> requestObjects.resolve(form));
            FormParameters request = expanded.map(FormParameters::new).orElse(form);
            String query = expanded.map(AuthorizeResource::encode).orElse(rawQuery);
            ValidatedAuthorization auth = validator.validate(AuthorizationRequest.parse(request));
            pushedRequests.requirePushedIfConfigured(auth, pushed.isPresent() || consentVerifier != null
                    || loginVerifier != null);
            BrowserRequest browser = new BrowserRequest(cookies(headers), endpointUrl + "?" + withoutVerifiers(query));
            FlowOutcome outcome = consentVerifier != null ? strategy.afterConsent(auth, consentVerifier, browser)
                    : loginVerifier != null ? strategy.afterLogin(auth, loginVerifier, browser)
                    : strategy.startLogin(auth, browser);
            Response.ResponseBuilder response;
            if (outcome instanceof FlowOutcome.Authorized authorized) {
                Map<String, String> result = issuer.issue(auth, authorized.flow().authorizedGrant());
                response = deliver(responder.success(auth, result));
            } else {
                response = Response.status(302).location(URI.create(((FlowOutcome.Redirect) outcome).location()));
            }
            return cookies.write(response, outcome.cookies()).build();
        } catch (AuthorizeException e) {
            return deliver(responder.error(e)).build();
        } catch (OAuth2Exception e) {
            return deliver(responder.errorPage(e.error())).build();
        } catch (RuntimeException e) {
            if (!exceptions.unavailable(e)) {
                throw e;
            }
            // A person is looking at this: the error page, not JSON (the client may not even be known yet, so
            // redirecting to it would be unsafe, RFC 6749 §4.1.2.1).
            return deliver(responder.errorPage(exceptions.classify(e))).build();
        }
    }

    static Response.ResponseBuilder deliver(ResponseModeDelivery.Reply delivery) {
        Response.ResponseBuilder builder = delivery.location() != null
                ? Response.status(302).location(URI.create(delivery.location()))
                : Response.ok(delivery.formPostHtml(), MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                        .header("Content-Security-Policy", "default-src 'none'; script-src 'unsafe-inline'; "
                                + "form-action *");
        return builder.header("Cache-Control", "no-store").header("Pragma", "no-cache");
    }

    static Map<String, String> cookies(HttpHeaders headers) {
        Map<String, String> out = new HashMap<>();
        for (Map.Entry<String, Cookie> cookie : headers.getCookies().entrySet()) {
            out.put(cookie.getKey(), cookie.getValue().getValue());
        }
        return out;
    }

    /** The request as the login and consent apps will send the browser back to it, minus our own verifiers. */
    static String withoutVerifiers(String rawQuery) {
        if (rawQuery == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (String pair : rawQuery.split("&")) {
            String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
            if (!VERIFIERS.contains(name) && !pair.isEmpty()) {
                out.append(out.length() == 0 ? "" : "&").append(pair);
            }
        }
        return out.toString();
    }

    private static String encode(Map<String, List<String>> form) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, List<String>> entry : form.entrySet()) {
            for (String value : entry.getValue()) {
                out.append(out.length() == 0 ? "" : "&")
                        .append(URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8)).append('=')
                        .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        }
        return out.toString();
    }
}
