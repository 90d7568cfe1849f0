package org.openauthz.authz.api;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openauthz.authz.testing.PostgresFixture;
import org.openauthz.authz.testing.TestServer;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openauthz.authz.api.ApiFixtures.accessToken;
import static org.openauthz.authz.api.ApiFixtures.assertJsonError;
import static org.openauthz.authz.api.ApiFixtures.createClientCredentialsClient;
import static org.openauthz.authz.api.ApiFixtures.form;
import static org.openauthz.authz.api.ApiFixtures.introspect;
import static org.openauthz.authz.api.ApiFixtures.uniqueId;

/** {@code POST /oauth2/revoke} (<a href="https://www.rfc-editor.org/rfc/rfc7009">RFC 7009</a>) on PostgreSQL. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RevocationIT {
    private TestServer server;

    @BeforeAll
    void start() {
        server = TestServer.onPostgres(PostgresFixture.newDatabase().migrated(), Map.of());
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private HttpResponse<String> revoke(String form, String clientId, String secret) {
        return server.postForm(server.publicUrl("/oauth2/revoke"), form, clientId, secret);
    }

    @Test
    void whenTheOwnerRevokesATokenThen200EmptyAndTheTokenIsInactive() {
        String id = createClientCredentialsClient(server, uniqueId("owner"), "owner-secret", null);
        String token = accessToken(server, id, "owner-secret");
        String other = accessToken(server, id, "owner-secret");

        HttpResponse<String> response = revoke(form("token", token), id, "owner-secret");

        // RFC 7009 §2.2: 200, and the content of the body is ignored by the client; Hydra sends none.
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
        assertThat(introspect(server, token).path("active").asBoolean()).isFalse();
        // Each client credentials token is its own grant: revoking one leaves the others alone, as in Hydra v1.10.
        assertThat(introspect(server, other).path("active").asBoolean()).isTrue();
    }

    @Test
    void whenTheTokenTypeHintIsGivenThenRevocationStillWorks() {
        String id = createClientCredentialsClient(server, uniqueId("hint"), "hint-secret", null);
        String token = accessToken(server, id, "hint-secret");

        // RFC 7009 §2.1: the hint is only an optimisation; a wrong hint must not stop the revocation.
        HttpResponse<String> response = revoke(form("token", token, "token_type_hint", "refresh_token"), id,
                "hint-secret");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(introspect(server, token).path("active").asBoolean()).isFalse();
    }

    @Test
    void whenTheTokenIsUnknownThen200() {
        String id = createClientCredentialsClient(server, uniqueId("unknown"), "unknown-secret", null);

        // RFC 7009 §2.2: "invalid tokens do not cause an error response".
        HttpResponse<String> response = revoke(form("token", "not-a-token"), id, "unknown-secret");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
    }

    @Test
    void whenAnotherClientRevokesTheTokenThen400UnauthorizedClientAndTheTokenStaysActive() {
        String owner = createClientCredentialsClient(server, uniqueId("owner"), "owner-secret", null);
        String intruder = createClientCredentialsClient(server, uniqueId("intruder"), "intruder-secret", null);
        String token = accessToken(server, owner, "owner-secret");

        // RFC 7009 §2.1 (https://www.rfc-editor.org/rfc/rfc7009#section-2.1): the server verifies the token was issued
        // to the requesting client.
        assertJsonError(revoke(form("token", token), intruder, "intruder-secret"), 400, "unauthorized_client");
        assertThat(introspect(server, token).path("active").asBoolean()).isTrue();
    }

    @Test
    void whenNoClientAuthenticationIsSentThen401() {
        String id = createClientCredentialsClient(server, uniqueId("anon"), "anon-secret", null);
        String token = accessToken(server, id, "anon-secret");

        // RFC 7009 §2.1: confidential clients must authenticate.
        assertJsonError(revoke(form("token", token), null, null), 401, "invalid_client");
        assertThat(introspect(server, token).path("active").asBoolean()).isTrue();
    }

    @Test
    void whenTheWrongSecretIsSentThen401AndTheTokenStaysActive() {
        String id = createClientCredentialsClient(server, uniqueId("wrong"), "right-secret", null);
        String token = accessToken(server, id, "right-secret");

        assertJsonError(revoke(form("token", token), id, "wrong-secret"), 401, "invalid_client");
        assertThat(introspect(server, token).path("active").asBoolean()).isTrue();
    }

    @Test
    void whenTheTokenParameterIsMissingThen400() {
        String id = createClientCredentialsClient(server, uniqueId("missing"), "missing-secret", null);

        // RFC 7009 §2.1: "token" is REQUIRED.
        assertJsonError(revoke("token_type_hint=access_token", id, "missing-secret"), 400, "invalid_request");
    }
}
