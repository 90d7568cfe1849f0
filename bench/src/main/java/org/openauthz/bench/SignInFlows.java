package org.openauthz.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Complete authorization-code flows as a browser and a login-and-consent app drive them, without a browser: the
 * browser's requests go to the public port with this thread's cookie jar ({@link RawHttp}), the login app's to the
 * admin API. A flow counts only when it ends with a token response that has an access token and, with the
 * {@code openid} scope, an ID token carrying the flow's nonce (decoded, not verified: the generator's own CPU is
 * not spent on RS256).
 */
final class SignInFlows {
    private static final Pattern REDIRECT_TO = Pattern.compile("\"redirect_to\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern CODE = Pattern.compile("[?&]code=([^&]+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String publicUrl;
    private final String adminUrl;
    private final String scope;
    private final String redirect;
    private final String basic;
    private final String authorizeQuery;
    /** The consent grants exactly the requested scopes, as a JSON array. */
    private final String grantScope;

    SignInFlows(String publicUrl, String adminUrl, String clientId, String scope, String redirect, String basic) {
        this.publicUrl = publicUrl;
        this.adminUrl = adminUrl;
        this.scope = scope;
        this.redirect = redirect;
        this.basic = basic;
        this.authorizeQuery = "/oauth2/auth?client_id=" + enc(clientId) + "&response_type=code&scope=" + enc(scope)
                + "&redirect_uri=" + enc(redirect);
        this.grantScope = "[\"" + String.join("\",\"", scope.split(" ")) + "\"]";
    }

    /** A first sign-in of the one user every flow signs in as, not remembered (see the other overload). */
    String firstSignIn(RawHttp http) throws Exception {
        return firstSignIn(http, false, "bench-user");
    }

    /**
     * A first sign-in of {@code subject}: authorize, accept the login and the consent through the admin API
     * (remembered when {@code remember}), follow the redirects, redeem the code. Returns the token response.
     */
    String firstSignIn(RawHttp http, boolean remember, String subject) throws Exception {
        String nonce = nonce();
        String location = location(http, publicUrl + authorizeQuery + "&state=" + nonce + "&nonce=" + nonce);
        String next = redirectTo(put(http, adminUrl + "/oauth2/auth/requests/login/accept?login_challenge="
                + parameter(location, "login_challenge"), "{\"subject\":\"" + subject + "\",\"remember\":" + remember + "}"));
        location = location(http, next);
        next = redirectTo(put(http, adminUrl + "/oauth2/auth/requests/consent/accept?consent_challenge="
                + parameter(location, "consent_challenge"), "{\"grant_scope\":" + grantScope + ",\"remember\":"
                + remember + "}"));
        return redeem(http, location(http, next), nonce);
    }

    /**
     * A returning user's sign-in, as a login app follows Hydra's protocol: it reads the login request, finds
     * {@code skip=true} (the browser's remembered session) and accepts it for the request's subject without showing
     * anything; then reads the consent request, finds {@code skip=true} (the remembered consent) and accepts the
     * requested scopes again. Fails if either step is not skipped, so that only returning-user flows are counted.
     */
    String returningSignIn(RawHttp http) throws Exception {
        String nonce = nonce();
        String location = location(http, publicUrl + authorizeQuery + "&state=" + nonce + "&nonce=" + nonce);
        String challenge = parameter(location, "login_challenge");
        JsonNode login = skipped(get(http, adminUrl + "/oauth2/auth/requests/login?login_challenge=" + challenge));
        String next = redirectTo(put(http, adminUrl + "/oauth2/auth/requests/login/accept?login_challenge="
                + challenge, JSON.writeValueAsString(JSON.createObjectNode().put("subject", login.get("subject")
                .asText()))));
        location = location(http, next);
        challenge = parameter(location, "consent_challenge");
        JsonNode consent = skipped(get(http, adminUrl + "/oauth2/auth/requests/consent?consent_challenge=" + challenge));
        var accept = JSON.createObjectNode();
        accept.set("grant_scope", consent.get("requested_scope"));
        accept.set("grant_access_token_audience", consent.get("requested_access_token_audience"));
        next = redirectTo(put(http, adminUrl + "/oauth2/auth/requests/consent/accept?consent_challenge=" + challenge,
                JSON.writeValueAsString(accept)));
        return redeem(http, location(http, next), nonce);
    }

    /**
     * A returning user's sign-in that the server answers itself ({@code oauth2.accept_remembered_sign_ins}): the
     * authorization request redirects straight to the client with a code (2 requests). Fails if the server sends the
     * browser to the login app instead.
     */
    String serverAcceptedSignIn(RawHttp http) throws Exception {
        String nonce = nonce();
        String location = location(http, publicUrl + authorizeQuery + "&state=" + nonce + "&nonce=" + nonce);
        if (!location.startsWith(redirect + "?")) {
            throw new IllegalStateException("a returning user was not answered by the server: " + location);
        }
        return redeem(http, location, nonce);
    }

    String tokenRequest(RawHttp http, String form) throws Exception {
        RawHttp.Response response = http.postForm(publicUrl + "/oauth2/token", form, basic);
        if (response.status() != 200) {
            throw new IllegalStateException("token endpoint answered " + response.status() + ": " + response.body());
        }
        return response.body();
    }

    private String redeem(RawHttp http, String callback, String nonce) throws Exception {
        Matcher code = CODE.matcher(callback);
        if (!code.find()) {
            throw new IllegalStateException("no code in " + callback);
        }
        String body = tokenRequest(http, "grant_type=authorization_code&code=" + code.group(1) + "&redirect_uri="
                + enc(redirect));
        JsonNode tokens = JSON.readTree(body);
        if (!tokens.hasNonNull("access_token")) {
            throw new IllegalStateException("token response without access_token: " + body);
        }
        if (scope.contains("openid")) {
            JsonNode idToken = tokens.get("id_token");
            String[] parts = idToken == null ? new String[0] : idToken.asText().split("\\.");
            if (parts.length != 3 || !nonce.equals(JSON.readTree(Base64.getUrlDecoder().decode(parts[1]))
                    .path("nonce").asText())) {
                throw new IllegalStateException("token response without an ID token carrying the nonce: " + body);
            }
        }
        return body;
    }

    private static JsonNode skipped(String body) throws Exception {
        JsonNode request = JSON.readTree(body);
        if (!request.path("skip").asBoolean()) {
            throw new IllegalStateException("a returning user's request is not skipped: " + body);
        }
        return request;
    }

    private static String nonce() {
        return Long.toHexString(System.nanoTime()) + "abcdefgh";
    }

    private static String parameter(String url, String name) {
        Matcher m = Pattern.compile("[?&]" + name + "=([^&]+)").matcher(url);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + url);
        }
        return m.group(1);
    }

    private static String location(RawHttp http, String url) throws Exception {
        RawHttp.Response response = http.get(url);
        String location = response.header("location");
        if (location == null) {
            throw new IllegalStateException(url + " answered " + response.status() + " without Location");
        }
        return location;
    }

    private static String get(RawHttp http, String url) throws Exception {
        RawHttp.Response response = http.get(url);
        if (response.status() != 200) {
            throw new IllegalStateException(url + " answered " + response.status() + ": " + response.body());
        }
        return response.body();
    }

    private static String put(RawHttp http, String url, String json) throws Exception {
        RawHttp.Response response = http.put(url, json);
        if (response.status() != 200) {
            throw new IllegalStateException(url + " answered " + response.status() + ": " + response.body());
        }
        return response.body();
    }

    private static String redirectTo(String body) {
        Matcher m = REDIRECT_TO.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no redirect_to in " + body);
        }
        return m.group(1).replace("\\u0026", "&");
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
