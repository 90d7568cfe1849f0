package org.openauthz.authz.testing;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SmokeIT {
    @Test
    void whenServerRunsOnPostgresThenClientCredentialsTokenIsIntrospectable() {
        try (TestServer server = TestServer.onPostgres(PostgresFixture.newDatabase().migrated(), Map.of())) {
            assertThat(server.get(server.publicUrl("/health/ready")).body()).isEqualTo("{\"status\":\"ok\"}");
            assertThat(server.json("POST", server.adminUrl("/clients"), "{\"client_id\":\"c1\",\"client_secret\":"
                    + "\"secret-1\",\"grant_types\":[\"client_credentials\"]}").statusCode()).isEqualTo(201);
            var token = server.postForm(server.publicUrl("/oauth2/token"), "grant_type=client_credentials", "c1",
                    "secret-1");
            assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        }
    }
}
