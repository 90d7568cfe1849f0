package org.openauthz.cli.token.user;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The authorization request this consumer sends the browser to: the authorization code flow with
 * OpenID Connect parameters and PKCE (S256), which is always sent because the server requires it
 * for public clients and accepts it from every client (RFC 9700 section 2.1.1).
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-4.1.1">RFC 6749 section 4.1.1</a>
 * @see <a href="https://openid.net/specs/openid-connect-core-1_0.html#AuthRequest">OIDC Core 3.1.2.1</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7636#section-4.3">RFC 7636 section 4.3</a>
 */
public record AuthorizationLink(String authUrl, String clientId, String redirectUri, List<String> scopes,
                                List<String> prompt, Integer maxAge, List<String> audience) {

    public AuthorizationLink {
        Objects.requireNonNull(authUrl);
        Objects.requireNonNull(clientId);
        Objects.requireNonNull(redirectUri);
        scopes = List.copyOf(scopes);
        prompt = List.copyOf(prompt);
        audience = List.copyOf(audience);
    }

    /** The query parameters, in the order they appear in the link. */
    public Map<String, String> parameters(FlowSecrets secrets) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("response_type", "code");
        parameters.put("client_id", clientId);
        parameters.put("redirect_uri", redirectUri);
        parameters.put("scope", String.join(" ", scopes));
        parameters.put("state", secrets.state());
        parameters.put("nonce", secrets.nonce());
        parameters.put("code_challenge", secrets.codeChallenge());
        parameters.put("code_challenge_method", "S256");
        if (!prompt.isEmpty()) {
            parameters.put("prompt", String.join(" ", prompt));
        }
        if (maxAge != null) {
            parameters.put("max_age", Integer.toString(maxAge));
        }
        if (!audience.isEmpty()) {
            parameters.put("audience", String.join(" ", audience));
        }
        return parameters;
    }

    /** The full authorization URL, keeping any query the configured authorization URL already has. */
    public String url(FlowSecrets secrets) {
        StringBuilder url = new StringBuilder(authUrl);
        int hash = url.indexOf("#");
        if (hash >= 0) {
            url.setLength(hash);
        }
        char last = url.charAt(url.length() - 1);
        if (url.indexOf("?") < 0) {
            url.append('?');
        } else if (last != '?' && last != '&') {
            url.append('&');
        }
        boolean first = true;
        for (Map.Entry<String, String> parameter : parameters(secrets).entrySet()) {
            if (!first) {
                url.append('&');
            }
            first = false;
            url.append(encode(parameter.getKey())).append('=').append(encode(parameter.getValue()));
        }
        return url.toString();
    }

    /** Percent-encodes a query component, spaces as {@code %20} rather than the form encoding's '+'. */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
