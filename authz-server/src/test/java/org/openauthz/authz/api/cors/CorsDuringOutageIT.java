package org.openauthz.authz.api.cors;

import org.junit.jupiter.api.Test;
import org.openauthz.authz.testing.FaultyTcpProxy;
import org.openauthz.authz.testing.PostgresFixture;
import org.openauthz.authz.testing.TestServer;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openauthz.authz.api.ApiFixtures.accessToken;
import static org.openauthz.authz.api.ApiFixtures.createClientCredentialsClient;
import static org.openauthz.authz.api.ApiFixtures.send;
import static org.openauthz.authz.api.ApiFixtures.uniqueId;
import static org.openauthz.authz.api.cors.CorsIT.assertNoCorsHeaders;

/**
 * When the client check cannot read the database (decision 0011), the request goes on without CORS headers and the
 * endpoint answers its own 503, never a 500 from the filter.
 */
class CorsDuringOutageIT {
    @Test
    void whenTheDatabaseIsAwayThenTheClientCheckRefusesTheOriginAndTheEndpointAnswers503() {
        PostgresFixture.Database database = PostgresFixture.newDatabase().migrated();
        try (FaultyTcpProxy proxy = database.faultyProxy();
             TestServer server = TestServer.onPostgres(database.via(proxy), Map.of(
                     "serve.public.cors.enabled", "true",
                     "serve.public.cors.allowed_origins", List.of("https://listed.example")))) {
            String id = createClientCredentialsClient(server, uniqueId("outage"), "outage-secret", null);
            String bearer = "Bearer " + accessToken(server, id, "outage-secret");
            proxy.cut();
            try {
                HttpResponse<String> token = send(server, "POST", server.publicUrl("/oauth2/token"),
                        "application/x-www-form-urlencoded", "grant_type=client_credentials",
                        "Origin", "https://app.example", "Authorization", TestServer.basic(uniqueId("unseen"), "s"));
                HttpResponse<String> userinfo = send(server, "GET", server.publicUrl("/userinfo"), null, null,
                        "Origin", "https://app.example", "Authorization", bearer);

                assertThat(token.statusCode()).as(token.body()).isEqualTo(503);
                assertNoCorsHeaders(token);
                assertThat(userinfo.statusCode()).as(userinfo.body()).isEqualTo(503);
                assertNoCorsHeaders(userinfo);
            } finally {
                proxy.restore();
            }
        }
    }
}
