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
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.openauthz.authz.api.errors.ExceptionClassifier;
import org.openauthz.authz.consent.BrowserRequest;
import org.openauthz.authz.consent.ConsentStrategy;
import org.openauthz.authz.consent.FlowOutcome;
import org.openauthz.authz.consent.SessionCookies;
import org.openauthz.authz.oauth2.FormParameters;
import org.openauthz.authz.oauth2.OAuth2Exception;
import org.openauthz.authz.oauth2.authorize.AuthorizationRequest;
import org.openauthz.authz.oauth2.authorize.AuthorizeException;
import org.openauthz.authz.oauth2.authorize.AuthorizeRequestValidator;
import org.openauthz.authz.oauth2.authorize.ResponseModeDelivery;
import org.openauthz.authz.oauth2.authorize.ResponseTypeIssuer;
import org.openauthz.authz.oauth2.authorize.ValidatedAuthorization;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    private final String sameSite;
    private final ExceptionClassifier exceptions;

    public AuthorizeResource(AuthorizeRequestValidator validator, ConsentStrategy strategy,
                             ResponseTypeIssuer issuer, ResponseModeDelivery responder, String endpointUrl,
                             String sameSite, ExceptionClassifier exceptions) {
        this.exceptions = exceptions;
        this.validator = validator;
        this.strategy = strategy;
        this.issuer = issuer;
        this.responder = responder;
        this.endpointUrl = endpointUrl;
        this.sameSite = sameSite;
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
            ValidatedAuthorization auth = validator.validate(AuthorizationRequest.parse(form));
            BrowserRequest browser = new BrowserRequest(cookies(headers), endpointUrl + "?" + withoutVerifiers(rawQuery));
            String consentVerifier = form.get("consent_verifier");
            String loginVerifier = form.get("login_verifier");
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
            for (SessionCookies.CookieChange change : outcome.cookies()) {
                response.cookie(cookie(change, sameSite));
            }
            return response.build();
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

    /** The flow's cookies as Hydra sets them: path {@code /}, HttpOnly, SameSite from the configuration. */
    static NewCookie cookie(SessionCookies.CookieChange change, String sameSite) {
        NewCookie.Builder builder = new NewCookie.Builder(change.name()).value(change.value()).path("/")
                .httpOnly(true).secure(!change.name().endsWith("_insecure"))
                .sameSite(NewCookie.SameSite.valueOf(sameSite.toUpperCase(java.util.Locale.ROOT)));
        if (change.maxAge() != null) {
            builder.maxAge((int) Math.min(Integer.MAX_VALUE, change.maxAge().getSeconds()));
        }
        return builder.build();
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

    private static String encode(MultivaluedMap<String, String> form) {
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
