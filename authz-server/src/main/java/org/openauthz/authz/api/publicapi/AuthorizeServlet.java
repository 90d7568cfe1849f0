package org.openauthz.authz.api.publicapi;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.openauthz.authz.api.FormEndpoint;
import org.openauthz.authz.api.JsonErrorWriter;
import org.openauthz.authz.api.UrlForms;
import org.openauthz.authz.api.errors.ExceptionClassifier;
import org.openauthz.authz.consent.BrowserRequest;
import org.openauthz.authz.consent.ConsentStrategy;
import org.openauthz.authz.consent.FlowOutcome;
import org.openauthz.authz.oauth2.FormParameters;
import org.openauthz.authz.oauth2.OAuth2Error;
import org.openauthz.authz.oauth2.OAuth2Exception;
import org.openauthz.authz.oauth2.authorize.AuthorizationRequest;
import org.openauthz.authz.oauth2.authorize.AuthorizeException;
import org.openauthz.authz.oauth2.authorize.AuthorizeRequestValidator;
import org.openauthz.authz.oauth2.authorize.RequestObjects;
import org.openauthz.authz.oauth2.authorize.ResponseModeDelivery;
import org.openauthz.authz.oauth2.authorize.ResponseTypeIssuer;
import org.openauthz.authz.oauth2.authorize.ValidatedAuthorization;
import org.openauthz.authz.oauth2.par.PushedAuthorizationRequests;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET|POST /oauth2/auth}: the authorization endpoint (RFC 6749 §3.1, OpenID Connect Core §3.1.2), three of
 * every sign-in's six requests, so a plain servlet like the token endpoint (decision 0005) rather than a Jersey
 * resource. It validates the request, hands login and consent to the {@link ConsentStrategy} (the flow is described
 * in docs/architecture.md), and once both are done issues the response. Like Hydra, the consent strategy is called
 * from here, not from the protocol core. Methods, media types and errors answer as Jersey answered them.
 */
public final class AuthorizeServlet extends HttpServlet {
    private static final String ALLOWED = "POST,GET,OPTIONS";

    private final transient AuthorizeRequestValidator validator;
    private final transient ConsentStrategy strategy;
    private final transient ResponseTypeIssuer issuer;
    private final transient ResponseModeDelivery responder;
    private final String endpointUrl;
    private final transient FlowCookieWriter cookies;
    private final transient ExceptionClassifier exceptions;
    private final transient PushedAuthorizationRequests pushedRequests;
    private final transient RequestObjects requestObjects;
    private final transient JsonErrorWriter errors;

    /** The endpoint's collaborators, as the server context builds them. */
    public record Parts(AuthorizeRequestValidator validator, ConsentStrategy strategy, ResponseTypeIssuer issuer,
                        ResponseModeDelivery responder, String endpointUrl, FlowCookieWriter cookies,
                        ExceptionClassifier exceptions, PushedAuthorizationRequests pushedRequests,
                        RequestObjects requestObjects, JsonErrorWriter errors) {
    }

    public AuthorizeServlet(Parts parts) {
        this.validator = parts.validator();
        this.strategy = parts.strategy();
        this.issuer = parts.issuer();
        this.responder = parts.responder();
        this.endpointUrl = parts.endpointUrl();
        this.cookies = parts.cookies();
        this.exceptions = parts.exceptions();
        this.pushedRequests = parts.pushedRequests();
        this.requestObjects = parts.requestObjects();
        this.errors = parts.errors();
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        switch (request.getMethod()) {
            case "GET", "HEAD" -> authorize(UrlForms.decode(request.getQueryString()), request.getQueryString(),
                    request, response);
            case "POST" -> post(request, response);
            case "OPTIONS" -> JsonErrorWriter.options(response, "HEAD,POST,GET,OPTIONS");
            default -> errors.methodNotAllowed(response, ALLOWED);
        }
    }

    /** A form in the body (OpenID Connect Core §3.1.2.1); the query string is not read, as with Jersey. */
    private void post(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String type = request.getContentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            errors.write(response, OAuth2Error.INVALID_REQUEST.withStatus(415).withHint("The request's Content-Type "
                    + "is not supported by this endpoint."));
            return;
        }
        String body = body(request);
        if (body == null) {
            response.setHeader("Connection", "close");
            errors.write(response, OAuth2Error.INVALID_REQUEST.withStatus(413).withHint("The request body is too "
                    + "large."));
            return;
        }
        Map<String, List<String>> form = UrlForms.decode(body);
        authorize(form, encode(form), request, response);
    }

    private void authorize(Map<String, List<String>> parameters, String rawQuery, HttpServletRequest httpRequest,
                           HttpServletResponse response) throws IOException {
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
            String query = expanded.map(AuthorizeServlet::encode).orElse(rawQuery);
            ValidatedAuthorization auth = validator.validate(AuthorizationRequest.parse(request));
            pushedRequests.requirePushedIfConfigured(auth, pushed.isPresent() || consentVerifier != null
                    || loginVerifier != null);
            BrowserRequest browser = new BrowserRequest(BrowserReplies.cookies(httpRequest),
                    endpointUrl + "?" + BrowserReplies.withoutVerifiers(query));
            FlowOutcome outcome = consentVerifier != null ? strategy.afterConsent(auth, consentVerifier, browser)
                    : loginVerifier != null ? strategy.afterLogin(auth, loginVerifier, browser)
                    : strategy.startLogin(auth, browser);
            // Everything that can fail runs before the first header is set, so an error answers alone.
            ResponseModeDelivery.Reply issued = outcome instanceof FlowOutcome.Authorized authorized
                    ? responder.success(auth, issuer.issue(auth, authorized.flow().authorizedGrant())) : null;
            for (String cookie : cookies.headerValues(outcome.cookies())) {
                response.addHeader("Set-Cookie", cookie);
            }
            if (issued != null) {
                BrowserReplies.deliver(issued, response);
            } else {
                BrowserReplies.redirect(response, ((FlowOutcome.Redirect) outcome).location());
            }
        } catch (AuthorizeException e) {
            BrowserReplies.deliver(responder.error(e), response);
        } catch (OAuth2Exception e) {
            BrowserReplies.deliver(responder.errorPage(e.error()), response);
        } catch (RuntimeException e) {
            if (!exceptions.unavailable(e)) {
                errors.write(response, exceptions.classify(e));
                return;
            }
            // A person is looking at this: the error page, not JSON (the client may not even be known yet, so
            // redirecting to it would be unsafe, RFC 6749 §4.1.2.1).
            BrowserReplies.deliver(responder.errorPage(exceptions.classify(e)), response);
        }
    }

    /** The body as text, or null when it is larger than a form here may be. */
    private static String body(HttpServletRequest request) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > FormEndpoint.MAX_FORM_BYTES) {
            return null;
        }
        InputStream in = request.getInputStream();
        byte[] bytes = in.readNBytes((int) FormEndpoint.MAX_FORM_BYTES + 1);
        return bytes.length > FormEndpoint.MAX_FORM_BYTES ? null : new String(bytes, StandardCharsets.UTF_8);
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
