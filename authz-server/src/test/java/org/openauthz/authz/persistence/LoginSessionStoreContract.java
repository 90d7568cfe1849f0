package org.openauthz.authz.persistence;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openauthz.authz.consent.LoginSession;
import org.openauthz.authz.consent.LoginSessionStore;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link LoginSessionStore} must do: the browser authentication sessions behind the session cookie and
 * the ID token's {@code sid} (docs/custom-idp.md §4). Run by {@code InMemoryLoginSessionStoreTest} and,
 * on a real PostgreSQL, {@code JdbiLoginSessionStoreIT}. Times are whole seconds, as the flow stores them (auth_time
 * is in seconds, OIDC Core §2).
 */
abstract class LoginSessionStoreContract {
    static final Instant AUTHENTICATED = Instant.parse("2026-03-01T12:00:00Z");

    LoginSessionStore sessions;

    protected abstract LoginSessionStore newStore();

    @BeforeEach
    void freshStore() {
        sessions = newStore();
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void whenSavedThenFoundWithEveryField(boolean remember) {
        LoginSession session = new LoginSession("3b1e0c2a-1f7d-4c55-9d3e-5a1b2c3d4e5f", "alice@example.com",
                AUTHENTICATED, remember);

        sessions.save(session);

        assertThat(sessions.find("3b1e0c2a-1f7d-4c55-9d3e-5a1b2c3d4e5f")).contains(session);
    }

    @Test
    void whenSessionHasNotAuthenticatedYetThenItsTimeRoundTripsAsNull() {
        // LoginSession: authenticatedAt is null until a login completes under this session.
        LoginSession session = new LoginSession("s1", "alice", null, false);

        sessions.save(session);

        assertThat(sessions.find("s1")).contains(session);
    }

    @Test
    void whenIdIsUnknownThenEmpty() {
        sessions.save(new LoginSession("s1", "alice", AUTHENTICATED, true));

        assertThat(sessions.find("s2")).isEmpty();
    }

    @Test
    void whenSavedAgainThenTheSessionIsReplaced() {
        // As in Hydra v1.10, a new login under the same session id updates subject, time and remember.
        sessions.save(new LoginSession("s1", "alice", AUTHENTICATED, true));
        LoginSession replaced = new LoginSession("s1", "bob", AUTHENTICATED.plusSeconds(60), false);

        sessions.save(replaced);

        assertThat(sessions.find("s1")).contains(replaced);
    }

    @Test
    void whenDeletedThenGoneAndOthersStay() {
        LoginSession kept = new LoginSession("s2", "alice", AUTHENTICATED, true);
        sessions.save(new LoginSession("s1", "alice", AUTHENTICATED, true));
        sessions.save(kept);

        sessions.delete("s1");

        assertThat(sessions.find("s1")).isEmpty();
        assertThat(sessions.find("s2")).contains(kept);
    }

    @Test
    void whenUnknownIdIsDeletedThenNothingHappens() {
        LoginSession kept = new LoginSession("s1", "alice", AUTHENTICATED, true);
        sessions.save(kept);

        sessions.delete("no-such-session");

        assertThat(sessions.find("s1")).contains(kept);
    }

    @Test
    void whenSessionsOfASubjectAreDeletedThenAllOfThemGoAndTheCountIsReturned() {
        // DELETE /oauth2/auth/sessions/login?subject=: every browser of the subject logs out, as in Hydra v1.10.
        sessions.save(new LoginSession("a1", "alice", AUTHENTICATED, true));
        sessions.save(new LoginSession("a2", "alice", AUTHENTICATED.plusSeconds(5), false));
        sessions.save(new LoginSession("a3", "alice", null, false));
        LoginSession bob = new LoginSession("b1", "bob", AUTHENTICATED, true);
        sessions.save(bob);

        assertThat(sessions.deleteBySubject("alice")).isEqualTo(3);

        assertThat(sessions.find("a1")).isEmpty();
        assertThat(sessions.find("a2")).isEmpty();
        assertThat(sessions.find("a3")).isEmpty();
        assertThat(sessions.find("b1")).contains(bob);
        assertThat(sessions.deleteBySubject("alice")).isZero();
        assertThat(sessions.deleteBySubject("nobody")).isZero();
    }
}
