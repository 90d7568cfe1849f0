package org.openauthz.authz.api;

import org.junit.jupiter.api.Test;
import org.openauthz.authz.testing.PostgresFixture;
import org.openauthz.authz.testing.TestServer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.openauthz.authz.api.ApiFixtures.accessToken;
import static org.openauthz.authz.api.ApiFixtures.createClientCredentialsClient;
import static org.openauthz.authz.api.ApiFixtures.form;
import static org.openauthz.authz.api.ApiFixtures.introspect;
import static org.openauthz.authz.api.ApiFixtures.uniqueId;

/**
 * What survives a restart on PostgreSQL, and what stops a start: the state lives in the database,
 * sealed with the system secret (docs/security.md), so a different secret or an unmigrated schema must refuse to
 * start with a message the operator can act on.
 */
class DurabilityIT {

    /** Every message in the cause chain, outermost first. */
    private static List<String> messages(Throwable thrown) {
        List<String> out = new ArrayList<>();
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            out.add(String.valueOf(t.getMessage()));
        }
        return out;
    }

    @Test
    void whenTheServerRestartsOnTheSameDatabaseThenIssuedTokensAndRevocationsSurvive() {
        PostgresFixture.Database database = PostgresFixture.newDatabase().migrated();
        String id = uniqueId("durable");
        String kept;
        String revoked;
        try (TestServer a = TestServer.onPostgres(database, Map.of())) {
            createClientCredentialsClient(a, id, "durable-secret", null);
            kept = accessToken(a, id, "durable-secret");
            revoked = accessToken(a, id, "durable-secret");
            assertThat(a.postForm(a.publicUrl("/oauth2/revoke"), form("token", revoked), id, "durable-secret")
                    .statusCode()).isEqualTo(200);
        }

        try (TestServer b = TestServer.onPostgres(database, Map.of())) {
            assertThat(introspect(b, kept).path("active").asBoolean()).isTrue();
            assertThat(introspect(b, kept).path("client_id").asText()).isEqualTo(id);
            assertThat(introspect(b, revoked).path("active").asBoolean()).isFalse();
            // The client and its secret hash survived too.
            assertThat(ApiFixtures.tokenRequest(b, id, "durable-secret").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void whenTheSystemSecretDiffersFromTheDatabasesThenStartupFailsNamingSecretsSystem() {
        PostgresFixture.Database database = PostgresFixture.newDatabase().migrated();
        try (TestServer a = TestServer.onPostgres(database, Map.of())) {
            assertThat(a.get(a.publicUrl("/.well-known/jwks.json")).statusCode()).isEqualTo(200);
        }

        Throwable thrown = catchThrowable(() -> TestServer.onPostgres(database,
                Map.of("secrets.system", "a-completely-different-secret-9876543210")).close());

        // Keys are sealed with the old secret; running on would sign with keys nobody can verify.
        assertThat(thrown).isNotNull();
        assertThat(messages(thrown)).anyMatch(m -> m.contains("SECRETS_SYSTEM"));
    }

    @Test
    void whenTheDatabaseIsNotMigratedThenStartupFailsNamingTheMigrateCommand() {
        PostgresFixture.Database unmigrated = PostgresFixture.newDatabase();

        Throwable thrown = catchThrowable(() -> TestServer.onPostgres(unmigrated, Map.of()).close());

        // Hydra's operators run "hydra migrate sql" before "hydra serve" (docs/operations.md, "Migrations").
        assertThat(thrown).isNotNull();
        assertThat(messages(thrown)).anyMatch(m -> m.contains("hydra migrate sql"));
    }
}
