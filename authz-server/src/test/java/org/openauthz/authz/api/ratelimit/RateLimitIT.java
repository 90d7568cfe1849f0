package org.openauthz.authz.api.ratelimit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openauthz.authz.api.ApiFixtures;
import org.openauthz.authz.testing.PostgresFixture;
import org.openauthz.authz.testing.TestServer;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openauthz.authz.api.ApiFixtures.createClientCredentialsClient;
import static org.openauthz.authz.api.ApiFixtures.form;
import static org.openauthz.authz.api.ApiFixtures.tokenRequest;
import static org.openauthz.authz.api.ApiFixtures.uniqueId;

/**
 * Rate limits (decision 0022) on PostgreSQL: 429 with {@code Retry-After} and the OAuth 2.0 error body beyond a
 * client's or an address's limit, other clients unaffected; failed client authentications lock that client id out
 * from that address only; pushed authorization and device authorization requests are limited like the token
 * endpoint; behind a trusted proxy the address comes from {@code X-Forwarded-For}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RateLimitIT {
    private TestServer server;

    @BeforeAll
    void start() {
        server = TestServer.onPostgres(PostgresFixture.newDatabase().migrated(), Map.ofEntries(
                Map.entry("rate_limits.enabled", "true"),
                Map.entry("rate_limits.token.per_client", "5/m"),
                Map.entry("rate_limits.token.per_address", "0"),
                Map.entry("rate_limits.revocation.per_client", "3/m"),
                Map.entry("rate_limits.revocation.per_address", "0"),
                Map.entry("rate_limits.introspection.per_client", "0"),
                Map.entry("rate_limits.introspection.per_address", "4/h"),
                Map.entry("rate_limits.failed_client_auth.per_client_address", "3/m"),
                Map.entry("rate_limits.failed_client_auth.per_address", "0"),
                Map.entry("rate_limits.par.per_client", "2/m"),
                Map.entry("rate_limits.par.per_address", "0"),
                Map.entry("rate_limits.device_authorization.per_address", "3/m")));
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void whenAClientExceedsItsTokenLimitThen429WithRetryAfterAndAnotherClientIsUnaffected() {
        String busy = createClientCredentialsClient(server, uniqueId("busy"), "busy-secret", null);
        String quiet = createClientCredentialsClient(server, uniqueId("quiet"), "quiet-secret", null);
        for (int i = 0; i < 5; i++) {
            assertThat(tokenRequest(server, busy, "busy-secret").statusCode()).isEqualTo(200);
        }

        HttpResponse<String> refused = tokenRequest(server, busy, "busy-secret");

        assertRefused(refused, 12);
        assertThat(ApiFixtures.json(refused).path("error_description").asText()).contains("token endpoint");
        assertThat(tokenRequest(server, quiet, "quiet-secret").statusCode()).isEqualTo(200);
    }

    @Test
    void whenAClientIdFailsToAuthenticateTooOftenThenItIsRefusedFromThatAddressEvenWithTheRightSecret() {
        String attacked = createClientCredentialsClient(server, uniqueId("attacked"), "right-secret", null);
        String bystander = createClientCredentialsClient(server, uniqueId("bystander"), "by-secret", null);
        for (int i = 0; i < 3; i++) {
            assertThat(tokenRequest(server, attacked, "guess-" + i).statusCode()).isEqualTo(401);
        }

        assertRefused(tokenRequest(server, attacked, "right-secret"), 20);
        // The same lock covers every endpoint: revocation refuses that client id from here too.
        assertRefused(server.postForm(server.publicUrl("/oauth2/revoke"), form("token", "x"), attacked,
                "right-secret"), 20);
        assertThat(tokenRequest(server, bystander, "by-secret").statusCode()).isEqualTo(200);
    }

    @Test
    void whenAClientSendsItsIdInTheFormThenRevocationCountsItAndStillReadsTheBody() {
        String id = uniqueId("post");
        com.fasterxml.jackson.databind.node.ObjectNode client = ApiFixtures.object().put("client_id", id)
                .put("client_secret", "post-secret").put("token_endpoint_auth_method", "client_secret_post");
        client.putArray("grant_types").add("client_credentials");
        ApiFixtures.createClient(server, client.toString());
        HttpResponse<String> issued = server.postForm(server.publicUrl("/oauth2/token"),
                form("grant_type", "client_credentials", "client_id", id, "client_secret", "post-secret"), null, null);
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(200);
        String token = ApiFixtures.json(issued).path("access_token").asText();
        for (int i = 0; i < 3; i++) {
            // 200, not 400 for a missing token parameter: the endpoint still read the body the filter looked into.
            HttpResponse<String> revoked = server.postForm(server.publicUrl("/oauth2/revoke"),
                    form("token", token, "client_id", id, "client_secret", "post-secret"), null, null);
            assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        }

        assertRefused(server.postForm(server.publicUrl("/oauth2/revoke"),
                form("token", token, "client_id", id, "client_secret", "post-secret"), null, null), 20);
    }

    @Test
    void whenAClientExceedsItsPushedAuthorizationRequestLimitThen429AndAnotherClientIsUnaffected() {
        String busy = createCodeClient(uniqueId("par-busy"));
        String quiet = createCodeClient(uniqueId("par-quiet"));
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> pushed = push(busy);
            assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(201);
        }

        HttpResponse<String> refused = push(busy);

        assertRefused(refused, 30);
        assertThat(ApiFixtures.json(refused).path("error_description").asText()).contains("par endpoint");
        assertThat(push(quiet).statusCode()).isEqualTo(201);
    }

    @Test
    void whenOneAddressRequestsTooManyDeviceCodesThen429WhateverTheClientId() {
        // Off per client id by default: one public client id is shared by every device of a product.
        String first = createDeviceClient(uniqueId("tv"));
        String second = createDeviceClient(uniqueId("console"));
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> authorized = deviceAuthorization(i % 2 == 0 ? first : second);
            assertThat(authorized.statusCode()).as(authorized.body()).isEqualTo(200);
        }

        HttpResponse<String> refused = deviceAuthorization(second);

        assertRefused(refused, 20);
        assertThat(ApiFixtures.json(refused).path("error_description").asText())
                .contains("device_authorization endpoint");
    }

    private String createCodeClient(String id) {
        com.fasterxml.jackson.databind.node.ObjectNode client = ApiFixtures.object().put("client_id", id)
                .put("client_secret", "code-secret").put("scope", "openid");
        client.putArray("grant_types").add("authorization_code");
        client.putArray("response_types").add("code");
        client.putArray("redirect_uris").add("https://rp.example.com/callback");
        ApiFixtures.createClient(server, client.toString());
        return id;
    }

    private HttpResponse<String> push(String clientId) {
        return server.postForm(server.publicUrl("/oauth2/par"), form("response_type", "code",
                "redirect_uri", "https://rp.example.com/callback", "scope", "openid", "state", "state-0123456789"),
                clientId, "code-secret");
    }

    private String createDeviceClient(String id) {
        com.fasterxml.jackson.databind.node.ObjectNode client = ApiFixtures.object().put("client_id", id)
                .put("token_endpoint_auth_method", "none").put("scope", "openid");
        client.putArray("grant_types").add("urn:ietf:params:oauth:grant-type:device_code");
        client.putArray("response_types");
        ApiFixtures.createClient(server, client.toString());
        return id;
    }

    private HttpResponse<String> deviceAuthorization(String clientId) {
        return server.postForm(server.publicUrl("/oauth2/device/auth"), form("client_id", clientId, "scope", "openid"),
                null, null);
    }

    @Test
    void whenAnAddressExceedsTheIntrospectionLimitThen429OnTheAdminPort() {
        int answered = 0;
        HttpResponse<String> last = null;
        for (int i = 0; i < 6; i++) {
            last = server.postForm(server.adminUrl("/oauth2/introspect"), form("token", "unknown"), null, null);
            if (last.statusCode() == 200) {
                answered++;
            }
        }

        // Other tests of this class introspect too, from the same address: at most the limit of 4 got through.
        assertThat(answered).isLessThanOrEqualTo(4);
        assertRefused(last, 900);
    }

    @Test
    void whenBehindATrustedProxyThenEachForwardedAddressHasItsOwnLimitAndEarlierEntriesAreIgnored() {
        try (TestServer proxied = TestServer.start(Map.of("rate_limits.enabled", "true",
                "rate_limits.trusted_proxy_hops", "1", "rate_limits.token.per_client", "0",
                "rate_limits.token.per_address", "2/m"))) {
            String id = createClientCredentialsClient(proxied, uniqueId("proxied"), "proxied-secret", null);
            assertThat(viaProxy(proxied, id, "203.0.113.7").statusCode()).isEqualTo(200);
            // A client cannot escape by writing its own entries in front of the one the proxy appended.
            assertThat(viaProxy(proxied, id, "198.51.100.1, 203.0.113.7").statusCode()).isEqualTo(200);
            assertRefused(viaProxy(proxied, id, "198.51.100.2, 203.0.113.7"), 30);

            assertThat(viaProxy(proxied, id, "203.0.113.8").statusCode()).isEqualTo(200);
        }
    }

    private static HttpResponse<String> viaProxy(TestServer server, String clientId, String forwardedFor) {
        return server.send(HttpRequest.newBuilder(URI.create(server.publicUrl("/oauth2/token")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", TestServer.basic(clientId, "proxied-secret"))
                .header("X-Forwarded-For", forwardedFor)
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build());
    }

    private static void assertRefused(HttpResponse<String> response, int maxRetryAfterSeconds) {
        ApiFixtures.assertJsonError(response, 429, "temporarily_unavailable");
        long retryAfter = Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, (long) maxRetryAfterSeconds);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    }
}
