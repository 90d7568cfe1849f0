package org.openauthz.authz.api.publicapi;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.openauthz.authz.oauth2.authorize.ResponseModeDelivery.escape;

/**
 * The page at the end of a logout when clients registered a {@code frontchannel_logout_uri}
 * (<a href="https://openid.net/specs/openid-connect-frontchannel-1_0.html#RPLogout">OpenID Connect Front-Channel
 * Logout 1.0 §4</a>): one invisible iframe per client, then on to the post-logout URL once all of them loaded, as
 * Hydra's page does (a note after 2 s, a meta refresh after 7 s in case one never loads or scripts are off). Its
 * Content-Security-Policy allows exactly the origins of those iframes and this page's one script.
 */
final class FrontChannelPage {
    private static final SecureRandom RANDOM = new SecureRandom();

    private FrontChannelPage() {
    }

    static Response.ResponseBuilder response(String redirectTo, List<String> frameUrls) {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Set<String> origins = new LinkedHashSet<>();
        StringBuilder frames = new StringBuilder();
        for (String url : frameUrls) {
            String origin = origin(url);
            if (origin == null) {
                // Registration only accepts absolute URLs; a row that is not one cannot be framed or allowed.
                continue;
            }
            origins.add(origin);
            frames.append("<iframe src=\"").append(escape(url)).append("\" width=\"0\" height=\"0\" hidden "
                    + "title=\"logout\"></iframe>\n");
        }
        String target = escape(redirectTo);
        String page = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Logging out</title>\n"
                + "<meta http-equiv=\"refresh\" content=\"7; url=" + target + "\"></head>\n<body>\n"
                + "<p id=\"slow\" hidden>Redirection takes unusually long. <a href=\"" + target + "\">Continue</a>"
                + "</p>\n<noscript><p><a href=\"" + target + "\">Continue</a></p></noscript>\n"
                + frames
                + "<script nonce=\"" + nonce + "\">\n"
                + "(function () {\n"
                + "  var target = " + jsString(redirectTo) + ";\n"
                + "  var frames = document.getElementsByTagName('iframe');\n"
                + "  var left = frames.length;\n"
                + "  var go = function () { window.location.replace(target); };\n"
                + "  var loaded = function () { left -= 1; if (left <= 0) { go(); } };\n"
                + "  for (var i = 0; i < frames.length; i++) { frames[i].addEventListener('load', loaded); }\n"
                + "  setTimeout(function () { document.getElementById('slow').hidden = false; }, 2000);\n"
                + "})();\n"
                + "</script>\n</body></html>\n";
        return Response.ok(page, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Content-Security-Policy", "default-src 'none'; script-src 'nonce-" + nonce + "'; "
                        + "frame-src " + (origins.isEmpty() ? "'none'" : String.join(" ", origins))
                        + "; base-uri 'none'; form-action 'none'");
    }

    /** {@code scheme://host[:port]} of a URL, for {@code frame-src}; null when it is not an absolute http(s) URL. */
    static String origin(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getRawAuthority() == null || !("http".equalsIgnoreCase(uri.getScheme())
                    || "https".equalsIgnoreCase(uri.getScheme()))) {
                return null;
            }
            return uri.getScheme().toLowerCase(java.util.Locale.ROOT) + "://"
                    + uri.getRawAuthority().replaceAll("^.*@", "");
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    /** A JavaScript string literal that cannot end the script element. */
    static String jsString(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\'' || c == 0x2028 || c == 0x2029) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
