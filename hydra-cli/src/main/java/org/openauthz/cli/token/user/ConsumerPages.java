package org.openauthz.cli.token.user;

import java.util.Map;

/**
 * The HTML of the consumer's pages: self-contained (inline CSS, no scripts, nothing loaded from
 * elsewhere), with stable element ids for tests and browser automation, and every dynamic value
 * HTML-escaped.
 */
public final class ConsumerPages {

    static final String TITLE = "Welcome to the exemplary OAuth 2.0 Consumer!";

    private static final String STYLE = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;background:#f4f6f8;\
            color:#1d2430;line-height:1.5}
            main{max-width:52rem;margin:2.5rem auto;padding:2rem 2.25rem;background:#fff;border-radius:.5rem;\
            box-shadow:0 1px 3px rgba(0,0,0,.12)}
            h1{font-size:1.6rem;margin-top:0}h2{font-size:1.05rem;margin:1.5rem 0 .35rem}
            code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.85rem}
            pre{background:#f0f2f5;border:1px solid #dde1e6;border-radius:.35rem;padding:.7rem .85rem;\
            white-space:pre-wrap;word-break:break-all;margin:0}
            a.button{display:inline-block;background:#2458d6;color:#fff;text-decoration:none;padding:.6rem 1.2rem;\
            border-radius:.35rem;font-weight:600}a.button:hover,a.button:focus{background:#1a44a8}
            .alert{border-left:4px solid #c62828;background:#fdecea;padding:.75rem 1rem;border-radius:.25rem}
            .ok{border-left:4px solid #2e7d32;background:#e8f5e9;padding:.75rem 1rem;border-radius:.25rem}
            dt{font-weight:600}dd{margin:0 0 .6rem 0}
            """;

    private ConsumerPages() {
    }

    /** The home page with the "Authorize application" link. */
    public static String home(String authorizationUrl) {
        return page("OAuth 2.0 Consumer", "<h1>" + TITLE + "</h1>\n"
                + "<p>This small web application stands in for an OAuth 2.0 client, such as your own web or mobile "
                + "application. It asks the authorization server for an access token, a refresh token and an "
                + "OpenID Connect ID token using the authorization code flow with PKCE.</p>\n"
                + "<p>To start the flow, follow the link below. You will be asked to log in and to grant the "
                + "requested permissions.</p>\n"
                + "<p><a class=\"button\" id=\"authorize\" href=\"" + escape(authorizationUrl)
                + "\">Authorize application</a></p>\n");
    }

    /** The callback page after a successful code exchange. */
    public static String tokens(TokenReport report) {
        StringBuilder body = new StringBuilder("<h1>Tokens received</h1>\n");
        if (report.idTokenProblem() != null) {
            body.append("<p class=\"alert\" id=\"id-token-error\" role=\"alert\">")
                    .append(escape(InvalidIdTokenException.PREFIX + report.idTokenProblem())).append("</p>\n");
        } else if (report.idToken() != null) {
            body.append("<p class=\"ok\" id=\"id-token-valid\">The ID token's signature, issuer, audience, expiry "
                    + "and nonce are valid.</p>\n");
        }
        section(body, "Access Token", "access-token", report.accessToken());
        section(body, "Refresh Token", "refresh-token", TokenReport.orNone(report.refreshToken()));
        section(body, "Expires in", "expires", report.expiryText());
        section(body, "ID Token", "id-token", TokenReport.orNone(report.idToken()));
        if (report.idTokenClaims() != null) {
            section(body, "ID Token Claims", "id-token-claims", report.idTokenClaims());
        }
        return page("OAuth 2.0 Consumer: tokens", body.toString());
    }

    /**
     * An error page.
     *
     * @param details further labelled values, shown in order; {@code null} values are left out
     */
    public static String error(String heading, String message, Map<String, String> details) {
        StringBuilder body = new StringBuilder("<h1>").append(escape(heading)).append("</h1>\n")
                .append("<p class=\"alert\" id=\"error\" role=\"alert\">").append(escape(message)).append("</p>\n");
        if (!details.isEmpty()) {
            body.append("<dl>\n");
            details.forEach((label, value) -> {
                if (value != null) {
                    body.append("<dt>").append(escape(label)).append("</dt><dd><code>").append(escape(value))
                            .append("</code></dd>\n");
                }
            });
            body.append("</dl>\n");
        }
        return page("OAuth 2.0 Consumer: error", body.toString());
    }

    /** Escapes text for HTML element content and double- or single-quoted attribute values. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    private static void section(StringBuilder body, String heading, String id, String value) {
        body.append("<h2>").append(heading).append("</h2>\n<pre><code id=\"").append(id).append("\">")
                .append(escape(value)).append("</code></pre>\n");
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + escape(title) + "</title>\n<style>\n" + STYLE + "</style>\n</head>\n<body>\n<main>\n"
                + body + "</main>\n</body>\n</html>\n";
    }
}
