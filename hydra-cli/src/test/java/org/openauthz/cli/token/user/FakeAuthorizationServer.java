package org.openauthz.cli.token.user;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for the authorization server's public port: discovery, JWKS (an RSA key made with
 * Nimbus) and a token endpoint that checks client authentication, the code, the redirect URI and
 * the PKCE verifier against the challenge of the authorization link, then issues tokens with an
 * ID token signed for the expected nonce, audience and issuer.
 */
final class FakeAuthorizationServer implements AutoCloseable {

    static final String ACCESS_TOKEN = "ZcE0YWqnxemENLyJrjjlAHlFkdwaHB6TzkSi0c289HI.GQmXJsAYcw5de97S6mqOL0yB2UyFEf4DiX";
    static final String REFRESH_TOKEN = "Xr0JmA5kvBzVdhBOd8xq2S0iRQGycSK8wN3vYBkNKQs.e1PhDsQtPMr6QTYR2s5jGZ7nyL0dsL0XA";
    static final String CODE = "authorization-code-1";

    /** A recorded token request. */
    record TokenRequest(String authorization, Map<String, String> form) {
    }

    private final HttpServer server;
    private final RSAKey key;
    private final List<TokenRequest> tokenRequests = new CopyOnWriteArrayList<>();

    private volatile String issuer;
    private volatile RSAKey signingKey;
    private volatile String expectedChallenge;
    private volatile String nonce;
    private volatile String clientId = "another-consumer";
    private volatile String clientSecret = "consumer-secret";
    private volatile Instant now = Instant.now();
    private volatile int tokenStatus = 200;

    FakeAuthorizationServer() throws IOException, JOSEException {
        key = new RSAKeyGenerator(2048).keyID("public:" + UUID.randomUUID()).keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.RS256).generate();
        signingKey = key;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
        issuer = url() + "/";
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The values the token endpoint expects and puts into the ID token. */
    FakeAuthorizationServer expect(String challenge, String expectedNonce) {
        this.expectedChallenge = challenge;
        this.nonce = expectedNonce;
        return this;
    }

    /** The issuer named by discovery and the ID token (default: this server's URL plus "/"). */
    FakeAuthorizationServer issuer(String value) {
        this.issuer = value;
        return this;
    }

    FakeAuthorizationServer client(String id, String secret) {
        this.clientId = id;
        this.clientSecret = secret;
        return this;
    }

    FakeAuthorizationServer now(Instant value) {
        this.now = value;
        return this;
    }

    /** Signs ID tokens with a different key that claims the published key's kid. */
    FakeAuthorizationServer signWithForeignKey() throws JOSEException {
        signingKey = new RSAKeyGenerator(2048).keyID(key.getKeyID()).generate();
        return this;
    }

    FakeAuthorizationServer failTokenRequests(int status) {
        this.tokenStatus = status;
        return this;
    }

    RSAKey key() {
        return key;
    }

    List<TokenRequest> tokenRequests() {
        return tokenRequests;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        try {
            if (path.equals("/.well-known/openid-configuration")) {
                send(exchange, 200, "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + issuer
                        + ".well-known/jwks.json\",\"authorization_endpoint\":\"" + issuer + "oauth2/auth\"}");
            } else if (path.equals("/.well-known/jwks.json")) {
                send(exchange, 200, new JWKSet(key.toPublicJWK()).toString());
            } else if (path.equals("/oauth2/token") && exchange.getRequestMethod().equals("POST")) {
                token(exchange);
            } else {
                send(exchange, 404, "{\"error\":\"not_found\"}");
            }
        } catch (JOSEException e) {
            send(exchange, 500, "{\"error\":\"server_error\"}");
        } finally {
            exchange.close();
        }
    }

    private void token(HttpExchange exchange) throws IOException, JOSEException {
        Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        tokenRequests.add(new TokenRequest(authorization, form));
        if (tokenStatus != 200) {
            send(exchange, tokenStatus, "{\"error\":\"invalid_grant\",\"error_description\":\"The provided "
                    + "authorization grant is invalid, expired or revoked.\"}");
            return;
        }
        String expectedAuthorization = "Basic " + Base64.getEncoder().encodeToString(
                (enc(clientId) + ":" + enc(clientSecret)).getBytes(StandardCharsets.UTF_8));
        if (!expectedAuthorization.equals(authorization)) {
            send(exchange, 401, "{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\"}");
            return;
        }
        if (!"authorization_code".equals(form.get("grant_type")) || !CODE.equals(form.get("code"))) {
            send(exchange, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"unknown code\"}");
            return;
        }
        String verifier = form.get("code_verifier");
        if (verifier == null || expectedChallenge == null || !expectedChallenge.equals(FlowSecrets.s256(verifier))) {
            send(exchange, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"The PKCE code challenge did "
                    + "not match the code verifier.\"}");
            return;
        }
        // Built by hand so that aud is an array, as Hydra sends it (Nimbus would collapse it to a string).
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("aud", List.of(clientId));
        claims.put("auth_time", now.getEpochSecond());
        claims.put("exp", now.getEpochSecond() + 3600);
        claims.put("iat", now.getEpochSecond());
        claims.put("iss", issuer);
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("nonce", nonce);
        claims.put("sub", "foo@bar.com");
        JWSObject idToken = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), new Payload(new ObjectMapper().writeValueAsString(claims)));
        idToken.sign(new RSASSASigner(signingKey));
        send(exchange, 200, "{\"access_token\":\"" + ACCESS_TOKEN + "\",\"expires_in\":3599,\"id_token\":\""
                + idToken.serialize() + "\",\"refresh_token\":\"" + REFRESH_TOKEN
                + "\",\"scope\":\"openid offline\",\"token_type\":\"bearer\"}");
    }

    static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            String[] parts = pair.split("=", 2);
            form.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                    parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
        }
        return form;
    }

    private static String enc(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
