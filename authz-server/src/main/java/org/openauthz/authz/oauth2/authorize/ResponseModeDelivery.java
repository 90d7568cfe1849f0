package org.openauthz.authz.oauth2.authorize;

import org.openauthz.authz.oauth2.OAuth2Error;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Delivers authorization responses (the parameters {@link ResponseTypeIssuer} issued) and errors as the
 * {@code response_mode} says: a redirect with the parameters in the query
 * (<a href="https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2">RFC 6749 §4.1.2</a>) or fragment
 * (<a href="https://www.rfc-editor.org/rfc/rfc6749#section-4.2.2">§4.2.2</a>), an auto-submitting form
 * (<a href="https://openid.net/specs/oauth-v2-form-post-response-mode-1_0.html#FormPostResponseMode">OAuth 2.0 Form
 * Post Response Mode §2</a>), or, when the client or its redirect URI could not be verified, a redirect to the error
 * page (<a href="https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2.1">RFC 6749 §4.1.2.1</a>). Every response
 * and error that goes to the client's redirect URI carries {@code iss}, so a client talking to several servers can
 * tell which one answered (mix-up defence,
 * <a href="https://www.rfc-editor.org/rfc/rfc9207#section-2">RFC 9207 §2</a> and
 * <a href="https://www.rfc-editor.org/rfc/rfc9207#section-2.4">§2.4</a> for errors).
 */
public final class ResponseModeDelivery {
    private final URI errorPage;
    private final String issuer;

    public ResponseModeDelivery(URI errorPage, String issuer) {
        this.errorPage = errorPage;
        this.issuer = issuer;
    }

    /** What the browser gets: either a redirect location or a form-post page. */
    public record Reply(String location, String formPostHtml) {
    }

    public Reply success(ValidatedAuthorization auth, Map<String, String> parameters) {
        Map<String, String> all = new LinkedHashMap<>(parameters);
        all.put("state", auth.request().state());
        return deliver(auth.redirectUri(), auth.mode(), all);
    }

    public Reply error(AuthorizeException e) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("error", e.error().error());
        parameters.put("error_description", e.error().fullDescription());
        if (e.redirectUri() == null) {
            if (e.error().hint() != null) {
                parameters.put("error_hint", e.error().hint());
            }
            return new Reply(append(errorPage.toString(), '?', parameters), null);
        }
        if (e.state() != null) {
            parameters.put("state", e.state());
        }
        return deliver(e.redirectUri(), e.mode(), parameters);
    }

    /** Errors found before the request could be parsed at all (duplicate parameters, bad max_age). */
    public Reply errorPage(OAuth2Error error) {
        return error(AuthorizeException.toErrorPage(error));
    }

    private Reply deliver(String redirectUri, ResponseMode mode, Map<String, String> parameters) {
        parameters.put("iss", issuer);
        return switch (mode) {
            case QUERY -> new Reply(append(redirectUri, '?', parameters), null);
            case FRAGMENT -> new Reply(append(redirectUri, '#', parameters), null);
            case FORM_POST -> new Reply(null, formPost(redirectUri, parameters));
        };
    }

    static String append(String base, char separator, Map<String, String> parameters) {
        StringBuilder url = new StringBuilder(base);
        char joiner = separator == '?' && base.contains("?") ? '&' : separator;
        for (Map.Entry<String, String> p : parameters.entrySet()) {
            url.append(joiner).append(encode(p.getKey())).append('=').append(encode(p.getValue()));
            joiner = '&';
        }
        return url.toString();
    }

    private static String formPost(String action, Map<String, String> parameters) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Submit This "
                + "Form</title></head><body onload=\"javascript:document.forms[0].submit()\"><form method=\"post\" "
                + "action=\"").append(escape(action)).append("\">");
        for (Map.Entry<String, String> p : parameters.entrySet()) {
            html.append("<input type=\"hidden\" name=\"").append(escape(p.getKey())).append("\" value=\"")
                    .append(escape(p.getValue())).append("\"/>");
        }
        return html.append("<noscript><button type=\"submit\">Continue</button></noscript></form></body></html>")
                .toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (char c : value.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
