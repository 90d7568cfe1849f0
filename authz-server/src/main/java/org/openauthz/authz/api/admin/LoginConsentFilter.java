package org.openauthz.authz.api.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.openauthz.authz.api.JsonErrorWriter;
import org.openauthz.authz.api.UrlForms;
import org.openauthz.authz.api.errors.CatchAllExceptionMapper;
import org.openauthz.authz.api.errors.ExceptionClassifier;
import org.openauthz.authz.api.errors.JsonProcessingExceptionMapper;
import org.openauthz.authz.consent.LoginConsentAdmin;
import org.openauthz.authz.consent.RequestDenial;
import org.openauthz.authz.consent.admin.AcceptConsent;
import org.openauthz.authz.consent.admin.AcceptLogin;
import org.openauthz.authz.consent.admin.RedirectTo;
import org.openauthz.authz.oauth2.OAuth2Error;
import org.openauthz.authz.oauth2.OAuth2Exception;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Admin {@code /oauth2/auth/requests/login|consent[/accept|/reject]} (docs/custom-idp.md §3), and their
 * {@code /admin/} aliases: how the login and consent apps read a request and answer it. Two to four of every sign-in's
 * requests, so answered before the admin Jersey filter like introspection (decision 0005), with the methods, media
 * types, bodies and errors Jersey gave them. The challenge comes as {@code login_challenge} /
 * {@code consent_challenge}, or as {@code challenge} (Hydra accepts both). The other paths under
 * {@code /oauth2/auth/requests/} (logout, device) go on to Jersey.
 */
public final class LoginConsentFilter extends HttpFilter {
    public static final String[] PATHS = {"/oauth2/auth/requests/*", "/admin/oauth2/auth/requests/*"};
    private static final String PREFIX = "/oauth2/auth/requests/";
    private static final String ALIAS = "/admin";
    /** Far above any login or consent answer; Jersey had no bound. */
    private static final int MAX_BODY_BYTES = 1024 * 1024;

    /** One operation: reads the request (its challenge, and for PUT its body) and returns the answer's entity. */
    @FunctionalInterface
    private interface Operation {
        Object answer(String challenge, byte[] body) throws IOException;
    }

    private record Route(boolean put, String challengeName, Operation operation) {
    }

    private final transient Map<String, Route> routes;
    private final transient ObjectMapper json;
    private final transient JsonErrorWriter errors;
    private final transient ExceptionClassifier classifier;

    public LoginConsentFilter(LoginConsentAdmin admin, ObjectMapper json, JsonErrorWriter errors,
                              ExceptionClassifier classifier) {
        this.json = json;
        this.errors = errors;
        this.classifier = classifier;
        this.routes = Map.of(
                "login", new Route(false, "login_challenge", (c, b) -> admin.getLoginRequest(c)),
                "login/accept", new Route(true, "login_challenge",
                        (c, b) -> admin.acceptLogin(c, ClientsResource.requireBody(read(b, AcceptLogin.class)))),
                "login/reject", new Route(true, "login_challenge",
                        (c, b) -> admin.rejectLogin(c, read(b, RequestDenial.class))),
                "consent", new Route(false, "consent_challenge", (c, b) -> admin.getConsentRequest(c)),
                "consent/accept", new Route(true, "consent_challenge",
                        (c, b) -> admin.acceptConsent(c, ClientsResource.requireBody(read(b, AcceptConsent.class)))),
                "consent/reject", new Route(true, "consent_challenge",
                        (c, b) -> admin.rejectConsent(c, read(b, RequestDenial.class))));
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getServletPath() + Objects.toString(request.getPathInfo(), "");
        if (path.startsWith(ALIAS + PREFIX)) {
            path = path.substring(ALIAS.length());
        }
        Route route = path.startsWith(PREFIX) ? routes.get(path.substring(PREFIX.length())) : null;
        if (route == null) {
            chain.doFilter(request, response);
            return;
        }
        String method = request.getMethod();
        if (route.put() ? "PUT".equals(method) : "GET".equals(method) || "HEAD".equals(method)) {
            serve(route, request, response);
        } else if ("OPTIONS".equals(method)) {
            JsonErrorWriter.options(response, route.put() ? "OPTIONS,PUT" : "HEAD,GET,OPTIONS");
        } else {
            errors.methodNotAllowed(response, route.put() ? "OPTIONS,PUT" : "GET,OPTIONS");
        }
    }

    private void serve(Route route, HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            byte[] body = null;
            if (route.put()) {
                if (!isJson(request.getContentType())) {
                    errors.write(response, OAuth2Error.INVALID_REQUEST.withStatus(415).withHint("The request's "
                            + "Content-Type is not supported by this endpoint."));
                    return;
                }
                body = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
                if (body.length > MAX_BODY_BYTES) {
                    response.setHeader("Connection", "close");
                    errors.write(response, OAuth2Error.INVALID_REQUEST.withStatus(413).withHint("The request body "
                            + "is too large."));
                    return;
                }
            }
            Map<String, List<String>> query = UrlForms.decode(request.getQueryString());
            String challenge = UrlForms.first(query, route.challengeName());
            write(response, 200, route.operation().answer(challenge == null || challenge.isEmpty()
                    ? UrlForms.first(query, "challenge") : challenge, body));
        } catch (LoginConsentAdmin.AlreadyHandled handled) {
            // As in Hydra v1.10.2+, a request whose verifier was used answers 410 with where it led.
            write(response, 410, new RedirectTo(handled.redirectTo()));
        } catch (OAuth2Exception e) {
            errors.write(response, e.error());
        } catch (JsonProcessingException e) {
            errors.write(response, JsonProcessingExceptionMapper.error(e));
        } catch (RuntimeException e) {
            errors.write(response, CatchAllExceptionMapper.error(classifier, e, true));
        }
    }

    private void write(HttpServletResponse response, int status, Object entity) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        json.writeValue(response.getOutputStream(), entity);
    }

    /** The body as the given type; null for an empty body or JSON {@code null}, as Jersey passed them. */
    private <T> T read(byte[] body, Class<T> type) throws IOException {
        return body.length == 0 ? null : json.readValue(body, type);
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int parameters = contentType.indexOf(';');
        return (parameters < 0 ? contentType : contentType.substring(0, parameters)).trim()
                .toLowerCase(Locale.ROOT).equals("application/json");
    }
}
