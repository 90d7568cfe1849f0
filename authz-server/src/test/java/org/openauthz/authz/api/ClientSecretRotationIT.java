package org.openauthz.authz.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openauthz.admin.client.ApiClient;
import org.openauthz.admin.client.api.AdminApi;
import org.openauthz.admin.client.model.SecretRotationRequest;
import org.openauthz.authz.consent.MutableClock;
import org.openauthz.authz.testing.Replicas;
import org.openauthz.authz.testing.TestServer;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openauthz.authz.api.ApiFixtures.accessToken;
import static org.openauthz.authz.api.ApiFixtures.assertJsonError;
import static org.openauthz.authz.api.ApiFixtures.createClientCredentialsClient;
import static org.openauthz.authz.api.ApiFixtures.json;
import static org.openauthz.authz.api.ApiFixtures.object;
import static org.openauthz.authz.api.ApiFixtures.tokenRequest;
import static org.openauthz.authz.api.ApiFixtures.uniqueId;

/**
 * Client-secret rotation with overlap and {@code client_secret_expires_at} (decision 0021) on two replicas sharing
 * one PostgreSQL and one clock the test moves: after a rotation through replica A, both secrets work on both
 * replicas until the overlap ends and only the new one after it, although each replica had the old secret cached
 * (the change notice drops it, decision 0008); an expired secret is refused with invalid_client.
 */
class ClientSecretRotationIT {
    private static final MutableClock CLOCK = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private static Replicas replicas;
    private static TestServer a;
    private static TestServer b;

    @BeforeAll
    static void twoReplicasOnOneClock() {
        replicas = Replicas.start(2, Map.of(), CLOCK);
        a = replicas.get(0);
        b = replicas.get(1);
    }

    @AfterAll
    static void stop() {
        if (replicas != null) {
            replicas.close();
        }
    }

    @Test
    void whenTheSecretIsRotatedThenOldAndNewWorkOnBothReplicasDuringTheOverlapAndOnlyTheNewAfter() throws Exception {
        String id = createClientCredentialsClient(a, uniqueId("rotated"), "old-secret", null);
        for (TestServer replica : List.of(a, b)) {
            accessToken(replica, id, "old-secret");
        }

        String fresh = new AdminApi(new ApiClient().setBasePath(a.adminUrl("")))
                .rotateOAuth2ClientSecret(id, new SecretRotationRequest().overlap("1h")).getClientSecret();

        assertThat(fresh).isNotBlank().isNotEqualTo("old-secret");
        awaitAccepted(b, id, fresh);
        assertBothWork(id, fresh);
        CLOCK.advance(Duration.ofMinutes(59));
        assertBothWork(id, fresh);

        CLOCK.advance(Duration.ofMinutes(1));
        for (TestServer replica : List.of(a, b)) {
            assertJsonError(tokenRequest(replica, id, "old-secret"), 401, "invalid_client");
            assertThat(tokenRequest(replica, id, fresh).statusCode()).isEqualTo(200);
        }
        assertThat(json(b.get(b.adminUrl("/clients/" + id))).has("client_secret")).as("never shown again").isFalse();
    }

    @Test
    void whenRotatedWithoutOverlapThenTheOldSecretStopsAtOnceOnTheOtherReplica() throws Exception {
        String id = createClientCredentialsClient(a, uniqueId("no-overlap"), "old-secret", null);
        accessToken(b, id, "old-secret");

        String fresh = new AdminApi(new ApiClient().setBasePath(a.adminUrl("")))
                .rotateOAuth2ClientSecret(id, new SecretRotationRequest().overlap("0s")).getClientSecret();

        awaitAccepted(b, id, fresh);
        assertJsonError(tokenRequest(b, id, "old-secret"), 401, "invalid_client");
    }

    @Test
    void whenTheSecretExpiresThenClientAuthenticationFailsWithInvalidClientOnBothReplicas() {
        String id = createClientCredentialsClient(a, uniqueId("expiring"), "the-secret", null);
        long expiresAt = CLOCK.instant().plus(Duration.ofMinutes(10)).getEpochSecond();
        HttpResponse<String> patched = a.json("PATCH", a.adminUrl("/clients/" + id), "[{\"op\":\"replace\","
                + "\"path\":\"/client_secret_expires_at\",\"value\":" + expiresAt + "}]");
        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
        assertThat(json(b.get(b.adminUrl("/clients/" + id))).path("client_secret_expires_at").asLong())
                .isEqualTo(expiresAt);
        accessToken(b, id, "the-secret");

        CLOCK.advance(Duration.ofMinutes(10));

        for (TestServer replica : List.of(a, b)) {
            JsonNode error = assertJsonError(tokenRequest(replica, id, "the-secret"), 401, "invalid_client");
            assertThat(error.toString()).contains("expired");
        }
    }

    @Test
    void whenTheRequestIsWrongThenClearErrors() {
        String confidential = createClientCredentialsClient(a, uniqueId("bad-rotation"), "the-secret", null);
        assertJsonError(a.json("POST", a.adminUrl("/clients/" + confidential + "/secret/rotate"),
                object().put("overlap", "tomorrow").toString()), 400, "invalid_request");
        assertJsonError(a.json("POST", a.adminUrl("/clients/" + confidential + "/secret/rotate"),
                object().put("overlap", "-1h").toString()), 400, "invalid_request");
        assertJsonError(a.json("POST", a.adminUrl("/clients/" + confidential + "/secret/rotate"),
                object().put("client_secret_expires_at", -5).toString()), 400, "invalid_request");
        assertJsonError(a.json("POST", a.adminUrl("/clients/" + uniqueId("nobody") + "/secret/rotate"), "{}"), 404,
                "Not Found");
        String publicClient = uniqueId("public");
        ApiFixtures.createClient(a, object().put("client_id", publicClient).put("token_endpoint_auth_method", "none")
                .toString());
        assertJsonError(a.json("POST", a.adminUrl("/clients/" + publicClient + "/secret/rotate"), "{}"), 400,
                "invalid_request");
        assertThat(tokenRequest(a, confidential, "the-secret").statusCode()).as("nothing changed").isEqualTo(200);
    }

    private static void assertBothWork(String id, String fresh) {
        for (TestServer replica : List.of(a, b)) {
            assertThat(tokenRequest(replica, id, "old-secret").statusCode()).as("old secret").isEqualTo(200);
            assertThat(tokenRequest(replica, id, fresh).statusCode()).as("new secret").isEqualTo(200);
        }
    }

    /** The other replica accepts the new secret as soon as the change notice dropped its cached client. */
    private static void awaitAccepted(TestServer replica, String id, String secret) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
        while (tokenRequest(replica, id, secret).statusCode() != 200) {
            assertThat(System.nanoTime()).as("accepted within a second").isLessThan(deadline);
            Thread.sleep(5);
        }
    }
}
