package org.openauthz.authz.api;

import org.junit.jupiter.api.Test;
import org.openauthz.authz.testing.Concurrently;
import org.openauthz.authz.testing.TestServer;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openauthz.authz.api.ApiFixtures.createClientCredentialsClient;
import static org.openauthz.authz.api.ApiFixtures.uniqueId;

/**
 * The overload limit (docs/operations.md, "Overload"): beyond {@code serve.overload.max_concurrent_requests}
 * requests at once, the excess is answered 503 with {@code Retry-After} and an OAuth 2.0 error at once, and health
 * checks are still answered.
 */
class OverloadIT {
    @Test
    void whenMoreRequestsArriveThanTheLimitThenTheExcessGets503WithRetryAfterAndHealthStillAnswers() throws Exception {
        try (TestServer server = TestServer.start(Map.of("serve.overload.max_concurrent_requests", "1",
                "serve.overload.max_wait", "0s"))) {
            String id = uniqueId("overload");
            createClientCredentialsClient(server, id, "overload-secret", null);
            List<HttpResponse<String>> refused = new ArrayList<>();
            int ok = 0;
            for (int round = 0; round < 10 && refused.isEmpty(); round++) {
                for (HttpResponse<String> response : Concurrently.run(32,
                        i -> ApiFixtures.tokenRequest(server, id, "overload-secret"))) {
                    assertThat(response.statusCode()).as(response.body()).isIn(200, 503);
                    if (response.statusCode() == 503) {
                        refused.add(response);
                    } else {
                        ok++;
                    }
                }
                assertThat(server.get(server.publicUrl("/health/ready")).statusCode()).isEqualTo(200);
            }

            assertThat(ok).isPositive();
            assertThat(refused).isNotEmpty();
            HttpResponse<String> one = refused.get(0);
            ApiFixtures.assertJsonError(one, 503, "temporarily_unavailable");
            assertThat(one.headers().firstValue("Retry-After")).hasValue("2");
        }
    }
}
