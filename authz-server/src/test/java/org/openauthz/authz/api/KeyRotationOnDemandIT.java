package org.openauthz.authz.api;

import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openauthz.admin.client.ApiClient;
import org.openauthz.admin.client.api.AdminApi;
import org.openauthz.admin.client.model.JSONWebKeySet;
import org.openauthz.authz.jwk.KeyService;
import org.openauthz.authz.testing.Replicas;
import org.openauthz.authz.testing.TestServer;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openauthz.authz.api.ApiFixtures.accessToken;
import static org.openauthz.authz.api.ApiFixtures.assertJsonError;
import static org.openauthz.authz.api.ApiFixtures.createClientCredentialsClient;
import static org.openauthz.authz.api.ApiFixtures.json;
import static org.openauthz.authz.api.ApiFixtures.uniqueId;

/**
 * {@code POST /keys/{set}/rotate} (decision 0021) through the generated admin client, on two replicas of one
 * PostgreSQL: the new key signs on the other replica at once (its change notice drops the cached set), the replaced
 * key stays in the JWKS, and an unknown set is a 404.
 */
class KeyRotationOnDemandIT {
    private static Replicas replicas;
    private static TestServer a;
    private static TestServer b;

    @BeforeAll
    static void twoReplicas() {
        replicas = Replicas.start(2, Map.of("strategies.access_token", "jwt"), Clock.systemUTC());
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
    void whenASetIsRotatedOnOneReplicaThenTheOtherSignsWithTheNewKeyAndStillPublishesTheOldOne() throws Exception {
        String client = createClientCredentialsClient(a, uniqueId("rotate-now"), "the-secret", null);
        String before = kid(accessToken(b, client, "the-secret"));

        JSONWebKeySet rotated = new AdminApi(new ApiClient().setBasePath(a.adminUrl("")))
                .rotateJsonWebKeySet(KeyService.ACCESS_TOKEN_SET);

        String after = rotated.getKeys().get(0).getKid();
        assertThat(after).isNotEqualTo(before);
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (!kid(accessToken(b, client, "the-secret")).equals(after)) {
            assertThat(System.nanoTime()).as("the other replica signs with the new key").isLessThan(deadline);
            Thread.sleep(5);
        }
        List<String> published = json(b.get(b.publicUrl("/.well-known/jwks.json"))).path("keys").findValuesAsText("kid");
        assertThat(published).contains(before, after);
    }

    @Test
    void whenAnUnknownSetIsRotatedThenNotFound() {
        HttpResponse<String> response = a.json("POST", a.adminUrl("/keys/no-such-set/rotate"), null);

        assertJsonError(response, 404, "Not Found");
    }

    private static String kid(String jwt) throws java.text.ParseException {
        return SignedJWT.parse(jwt).getHeader().getKeyID();
    }
}
