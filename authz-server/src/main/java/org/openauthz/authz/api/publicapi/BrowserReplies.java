package org.openauthz.authz.api.publicapi;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.openauthz.authz.oauth2.authorize.ResponseModeDelivery;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * What the browser-facing endpoints (authorization, device verification, end session) share: reading the browser's
 * cookies, the request URL a flow is bound to, and delivering an authorization response or error page (a redirect,
 * or the {@code form_post} page), with Jersey or as a servlet, the same headers either way.
 */
final class BrowserReplies {
    private static final Set<String> VERIFIERS = Set.of("login_verifier", "consent_verifier");
    /** The form_post page runs its one inline script and may post anywhere (the client's redirect URI). */
    private static final String FORM_POST_CSP = "default-src 'none'; script-src 'unsafe-inline'; form-action *";

    private BrowserReplies() {
    }

    static Response.ResponseBuilder deliver(ResponseModeDelivery.Reply delivery) {
        Response.ResponseBuilder builder = delivery.location() != null
                ? Response.status(302).location(URI.create(delivery.location()))
                : Response.ok(delivery.formPostHtml(), MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                        .header("Content-Security-Policy", FORM_POST_CSP);
        return builder.header("Cache-Control", "no-store").header("Pragma", "no-cache");
    }

    static void deliver(ResponseModeDelivery.Reply delivery, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Pragma", "no-cache");
        if (delivery.location() != null) {
            redirect(response, delivery.location());
            return;
        }
        response.setStatus(200);
        response.setContentType("text/html;charset=utf-8");
        response.setHeader("Content-Security-Policy", FORM_POST_CSP);
        response.getOutputStream().write(delivery.formPostHtml().getBytes(StandardCharsets.UTF_8));
    }

    static void redirect(HttpServletResponse response, String location) {
        response.setStatus(302);
        response.setHeader("Location", location);
    }

    /** The browser's cookies by name; of two with one name the later wins, as Jersey reads them. */
    static Map<String, String> cookies(HttpHeaders headers) {
        Map<String, String> out = new HashMap<>();
        headers.getCookies().forEach((name, cookie) -> out.put(name, cookie.getValue()));
        return out;
    }

    static Map<String, String> cookies(HttpServletRequest request) {
        Map<String, String> out = new HashMap<>();
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                out.put(cookie.getName(), cookie.getValue());
            }
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
}
