package org.openauthz.cli.janitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openauthz.authz.consent.Flow;
import org.openauthz.authz.consent.LogoutRequest;
import org.openauthz.authz.consent.RequestDenial;
import org.openauthz.authz.oauth2.device.DeviceRequest;
import org.openauthz.authz.oauth2.device.DeviceState;
import org.openauthz.authz.oauth2.token.TokenKind;
import org.openauthz.authz.oauth2.token.TokenRecord;
import org.openauthz.authz.persistence.Stores;
import org.openauthz.authz.persistence.jdbi.PostgresStores;
import org.openauthz.cli.CliRun;

/**
 * {@code hydra janitor} end to end on an embedded PostgreSQL migrated by {@code hydra migrate sql}: what it deletes,
 * what it keeps, and Hydra v1.10's output lines. The CLI's clock is fixed at {@link CliRun#NOW}.
 */
class JanitorCommandIT {
    private static final Instant NOW = CliRun.NOW;

    private static EmbeddedPostgres postgres;
    private static String dsn;
    private static Jdbi jdbi;
    private Stores stores;

    @BeforeAll
    static void database() throws IOException {
        postgres = EmbeddedPostgres.start();
        dsn = "postgres://postgres:postgres@127.0.0.1:" + postgres.getPort() + "/postgres?sslmode=disable";
        CliRun.Result migrated = new CliRun().run("migrate", "sql", "--yes", dsn);
        assertEquals(0, migrated.exitCode(), migrated::toString);
        jdbi = Jdbi.create(postgres.getPostgresDatabase());
    }

    @AfterAll
    static void stop() throws IOException {
        postgres.close();
    }

    @BeforeEach
    void emptyTables() {
        jdbi.useHandle(h -> h.execute("TRUNCATE hydra_client, hydra_oauth2_flow, hydra_oauth2_access, "
                + "hydra_oauth2_refresh, hydra_oauth2_jti_blacklist, hydra_oauth2_logout_request, "
                + "hydra_oauth2_device_request, hydra_oauth2_device_failure CASCADE"));
        jdbi.useHandle(h -> h.execute("INSERT INTO hydra_client (id, data, created_at, updated_at) "
                + "VALUES ('app', '{}', now(), now())"));
        // Dates as ISO-8601 strings in the flow documents, as the server writes them.
        stores = PostgresStores.uncached(jdbi, new ObjectMapper().findAndRegisterModules()
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS));
    }

    private Flow started(String id, Instant requestedAt) {
        Flow flow = Flow.start("lc-" + id, "lv-" + id, "csrf", "https://auth.example/oauth2/auth?client_id=app",
                "app", List.of("openid"), List.of(), Map.of(), false, "", null, requestedAt, null);
        stores.flows().create(flow);
        return flow;
    }

    private Flow step(Flow.Transition transition) {
        assertTrue(stores.flows().update(transition));
        return transition.next();
    }

    /** A flow taken to the consent screen and answered; used or not. */
    private void consented(String id, Instant requestedAt, boolean remember, RequestDenial denial, boolean used) {
        consented(id, requestedAt, requestedAt, remember, denial, used);
    }

    private void consented(String id, Instant requestedAt, Instant consentStarted, boolean remember,
                           RequestDenial denial, boolean used) {
        Flow flow = started(id, requestedAt);
        flow = step(flow.handleLogin(new Flow.LoginOutcome("alice", true, 0, null, List.of(), Map.of(), null, null,
                requestedAt)));
        flow = step(flow.useLoginVerifier());
        flow = step(flow.startConsent("cc-" + id, "cv-" + id, "csrf", false, consentStarted));
        flow = step(flow.handleConsent(new Flow.ConsentOutcome(List.of("openid"), List.of(), remember, 0, Map.of(),
                Map.of(), denial, requestedAt)));
        if (used) {
            step(flow.useConsentVerifier());
        }
    }

    private boolean exists(String id) {
        return stores.flows().byLoginChallenge("lc-" + id).isPresent();
    }

    private void logout(String id, Instant requestedAt) {
        stores.logoutRequests().create(LogoutRequest.start("oc-" + id, "ov-" + id, "alice", "sid-" + id, null,
                "https://auth.example/oauth2/sessions/logout", "https://auth.example/oauth2/fallbacks/logout/callback",
                false, requestedAt));
    }

    private boolean logoutExists(String id) {
        return stores.logoutRequests().byChallenge("oc-" + id).isPresent();
    }

    private void token(TokenKind kind, String signature, Instant expiresAt) {
        stores.tokens().insert(kind, new TokenRecord(signature, "r-" + signature, "app", "alice",
                expiresAt.minus(Duration.ofHours(1)), expiresAt, List.of(), List.of(), List.of(), List.of(), true,
                "{}", null));
    }

    private long count(String table) {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM " + table).mapTo(Long.class).one());
    }

    @Test
    void whenRequestsThenAbandonedAndRejectedFlowsOlderThanTheLifespanGoAndConsentSessionsStay() {
        Instant old = NOW.minus(Duration.ofHours(2));
        started("abandoned-login", old);
        consented("abandoned-consent", old, true, null, false);
        consented("rejected", old, false, new RequestDenial("access_denied", "no", null, null, 403), true);
        consented("remembered", old, true, null, true);
        consented("not-remembered", old, false, null, true);
        started("in-progress", NOW.minus(Duration.ofMinutes(10)));
        consented("consent-screen-open", old, NOW.minus(Duration.ofMinutes(5)), false, null, false);
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO hydra_oauth2_jti_blacklist VALUES ('expired', :e), "
                + "('live', :l)").bind("e", Timestamp.from(NOW.minusSeconds(60)))
                .bind("l", Timestamp.from(NOW.plus(Duration.ofDays(3650)))).execute());

        CliRun.Result result = new CliRun().run("janitor", "--requests", "--batch-size", "2", dsn);

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("Successfully completed Janitor run on login-consent requests\n", result.out());
        assertTrue(result.err().contains("Deleted 3 abandoned or rejected login-consent requests"), result::toString);
        assertTrue(result.err().contains("Deleted 2 login-consent requests so far..."), result::toString);
        assertTrue(!exists("abandoned-login") && !exists("abandoned-consent") && !exists("rejected"));
        assertTrue(exists("remembered") && exists("not-remembered") && exists("in-progress"));
        assertTrue(exists("consent-screen-open"), "its consent request started 5 minutes ago");
        assertTrue(stores.flows().latestRememberedConsent("alice", "app").isPresent());
        assertEquals(1, count("hydra_oauth2_jti_blacklist"), "only the live jti stays");
    }

    @Test
    void whenRequestsThenDeviceRequestsGoADayAfterTheyExpiredWithTheirWrongCodes() {
        device("expired-long-ago", NOW.minus(Duration.ofHours(25)));
        device("expired-recently", NOW.minus(Duration.ofHours(1)));
        stores.devices().recordFailure("challenge-old", "source", NOW.minus(Duration.ofHours(25)));
        stores.devices().recordFailure("challenge-recent", "source", NOW.minus(Duration.ofMinutes(5)));

        CliRun.Result result = new CliRun().run("janitor", "--requests", dsn);

        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.err().contains("Deleted 1 expired device authorization requests"), result::toString);
        assertTrue(stores.devices().byDeviceCode("expired-long-ago").isEmpty());
        assertTrue(stores.devices().byDeviceCode("expired-recently").isPresent());
        assertEquals(0, stores.devices().failuresOfChallenge("challenge-old"));
        assertEquals(1, stores.devices().failuresOfChallenge("challenge-recent"), "still counts for its limits");
    }

    private void device(String signature, Instant expiresAt) {
        stores.devices().create(new DeviceRequest(signature, "user-" + signature, "app", List.of(), List.of(),
                expiresAt.minus(Duration.ofMinutes(10)), expiresAt, 5, null, DeviceState.PENDING, null, null));
    }

    @Test
    void whenRequestsThenLogoutRequestsOlderThanTheLifespanGoWhateverTheirStateAndRecentOnesStay() {
        Instant old = NOW.minus(Duration.ofHours(2));
        logout("old-open", old);
        logout("old-used", old.plusSeconds(1));
        assertTrue(stores.logoutRequests().accept("oc-old-used"));
        assertTrue(stores.logoutRequests().useVerifier("ov-old-used").isPresent());
        logout("recent", NOW.minus(Duration.ofMinutes(10)));

        CliRun.Result result = new CliRun().run("janitor", "--requests", "--batch-size", "1", dsn);

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("Successfully completed Janitor run on login-consent requests\n", result.out());
        assertTrue(result.err().contains("Deleted 1 logout requests so far..."), result::toString);
        assertTrue(result.err().contains("Deleted 2 old logout requests"), result::toString);
        assertTrue(!logoutExists("old-open") && !logoutExists("old-used"));
        assertTrue(logoutExists("recent"), "requested 10 minutes ago, within the 30m lifespan");

        CliRun.Result kept = new CliRun().run("janitor", "--requests", "--consent-request-lifespan", "5m",
                "--keep-if-younger", "1h", dsn);
        assertEquals(0, kept.exitCode(), kept::toString);
        assertTrue(logoutExists("recent"), "--keep-if-younger bounds logout requests too");

        CliRun.Result shorter = new CliRun().run("janitor", "--requests", "--consent-request-lifespan", "5m", dsn);
        assertEquals(0, shorter.exitCode(), shorter::toString);
        assertTrue(!logoutExists("recent"));
    }

    @Test
    void whenConsentRequestLifespanAndKeepIfYoungerAreGivenThenTheyBound() {
        started("ten-minutes", NOW.minus(Duration.ofMinutes(10)));
        started("two-hours", NOW.minus(Duration.ofHours(2)));

        CliRun.Result kept = new CliRun().run("janitor", "--requests", "--consent-request-lifespan", "5m",
                "--keep-if-younger", "3h", dsn);
        assertEquals(0, kept.exitCode(), kept::toString);
        assertTrue(exists("ten-minutes") && exists("two-hours"));

        CliRun.Result result = new CliRun().run("janitor", "--requests", "--consent-request-lifespan", "5m", dsn);
        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(!exists("ten-minutes") && !exists("two-hours"));
    }

    @Test
    void whenLimitIsGivenThenNoMoreRowsOfEachKindAreDeleted() {
        for (int i = 0; i < 5; i++) {
            started("abandoned-" + i, NOW.minus(Duration.ofHours(1)));
            token(TokenKind.ACCESS_TOKEN, "access-" + i, NOW.minusSeconds(10));
            logout("old-" + i, NOW.minus(Duration.ofHours(1)));
        }

        CliRun.Result result = new CliRun().run("janitor", "--tokens", "--requests", "--limit", "3",
                "--batch-size", "2", dsn);

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("Successfully completed Janitor run on access tokens\n"
                + "Successfully completed Janitor run on refresh tokens\n"
                + "Successfully completed Janitor run on login-consent requests\n", result.out());
        assertEquals(2, count("hydra_oauth2_flow"));
        assertEquals(2, count("hydra_oauth2_access"));
        assertEquals(2, count("hydra_oauth2_logout_request"));
    }

    @Test
    void whenTokensThenExpiredTokensGoAndLifespansDelayOnlyExpiredOnes() {
        token(TokenKind.ACCESS_TOKEN, "expired", NOW.minusSeconds(10));
        token(TokenKind.ACCESS_TOKEN, "valid", NOW.plusSeconds(600));
        token(TokenKind.REFRESH_TOKEN, "expired-refresh", NOW.minusSeconds(10));

        CliRun.Result delayed = new CliRun().run("janitor", "--tokens", "--access-lifespan", "2h",
                "--refresh-lifespan", "2h", dsn);
        assertEquals(0, delayed.exitCode(), delayed::toString);
        assertEquals(2, count("hydra_oauth2_access"));
        assertEquals(1, count("hydra_oauth2_refresh"));

        CliRun.Result result = new CliRun().run("janitor", "--tokens", dsn);
        assertEquals(0, result.exitCode(), result::toString);
        assertEquals(1, count("hydra_oauth2_access"));
        assertEquals(0, count("hydra_oauth2_refresh"));
    }

    @Test
    void whenNothingToDoOrUnsupportedThenItRefusesWithoutDeleting() {
        started("abandoned", NOW.minus(Duration.ofHours(1)));

        for (String[] args : List.of(new String[] {"janitor", dsn},
                new String[] {"janitor", "--requests", "--grants", dsn},
                new String[] {"janitor", "--requests", "--batch-size", "0", dsn},
                new String[] {"janitor", "--requests", "--limit", "10", "--batch-size", "100", dsn},
                new String[] {"janitor", "--requests", "--consent-request-lifespan", "soon", dsn})) {
            CliRun.Result result = new CliRun().run(args);
            assertNotEquals(0, result.exitCode(), result::toString);
            assertEquals("", result.out(), result::toString);
        }
        assertTrue(exists("abandoned"));
    }
}
