package org.openauthz.authz.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class LogRedactorTest {
    /** Shaped like our opaque tokens: base64url of 32 bytes, ".", base64url of 32 bytes. */
    private static final String OPAQUE = "UDYMha9T-" + "q".repeat(34) + ".ZNpuNRC8_" + "w".repeat(34);
    private static final String JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLWJ5dGVz";

    @Test
    void whenARequestLineCarriesCodeAndStateThenTheirValuesAreRedactedAndTheRestKept() {
        String line = "127.0.0.1 - - [04/Dec/2026:17:00:00.000 +0000] \"GET /callback?code=abc123&state=xyz98765"
                + "&scope=openid HTTP/1.1\" 302 0 \"-\" \"curl\" 3";

        assertThat(LogRedactor.redact(line)).isEqualTo("127.0.0.1 - - [04/Dec/2026:17:00:00.000 +0000] "
                + "\"GET /callback?code=[redacted]&state=[redacted]&scope=openid HTTP/1.1\" 302 0 \"-\" \"curl\" 3");
    }

    @ParameterizedTest
    @ValueSource(strings = {"login_verifier", "consent_verifier", "logout_verifier", "login_challenge",
        "consent_challenge", "id_token_hint", "client_secret", "client_assertion", "refresh_token", "access_token",
        "password", "nonce", "code_verifier", "token"})
    void whenASensitiveParameterIsInAFormOrQueryThenItsValueIsRedacted(String name) {
        assertThat(LogRedactor.redact("POST body grant_type=x&" + name + "=s3cr3t-value&client_id=app"))
                .isEqualTo("POST body grant_type=x&" + name + "=[redacted]&client_id=app");
    }

    @Test
    void whenAnAuthorizationHeaderIsLoggedThenOnlyItsSchemeRemains() {
        assertThat(LogRedactor.redact("Authorization: Basic YXBwOnNlY3JldC12YWx1ZQ==, next"))
                .isEqualTo("Authorization: Basic [redacted], next");
        assertThat(LogRedactor.redact("{\"Authorization\":\"Bearer abc.def\"}"))
                .isEqualTo("{\"Authorization\":\"Bearer [redacted]\"}");
        assertThat(LogRedactor.redact("presented Bearer 0123456789abcdefghij")).isEqualTo("presented Bearer [redacted]");
    }

    @Test
    void whenJsonCarriesSecretsThenTheirValuesAreRedactedAndTheJsonStaysValid() {
        assertThat(LogRedactor.redact("{\"client_id\":\"app\",\"client_secret\":\"hunter2-hunter2\",\"code\": \"c\"}"))
                .isEqualTo("{\"client_id\":\"app\",\"client_secret\":\"[redacted]\",\"code\": \"[redacted]\"}");
        // A JSON body quoted inside a JSON log line.
        assertThat(LogRedactor.redact("{\"message\":\"body {\\\"password\\\":\\\"foobar\\\"}\"}"))
                .isEqualTo("{\"message\":\"body {\\\"password\\\":\\\"[redacted]\\\"}\"}");
    }

    @Test
    void whenACookieHeaderCarriesTheFlowCookiesThenTheirValuesAreRedacted() {
        assertThat(LogRedactor.redact("Cookie: oauth2_authentication_session_insecure=c2lk.bWFj; theme=dark; "
                + "oauth2_consent_csrf_legacy=Y3NyZg.bWFj"))
                .isEqualTo("Cookie: oauth2_authentication_session_insecure=[redacted]; theme=dark; "
                        + "oauth2_consent_csrf_legacy=[redacted]");
    }

    @Test
    void whenPrettyPrintedJsonCarriesASecretThenItIsRedacted() {
        assertThat(LogRedactor.redact("{\n  \"client_secret\" : \"hunter2-hunter2\"\n}"))
                .isEqualTo("{\n  \"client_secret\" : \"[redacted]\"\n}");
    }

    @Test
    void whenATokenAppearsUnnamedThenItsShapeGivesItAway() {
        assertThat(LogRedactor.redact("token " + OPAQUE + " rejected")).isEqualTo("token [redacted] rejected");
        assertThat(LogRedactor.redact("hint was " + JWT + ".")).isEqualTo("hint was [redacted].");
    }

    @Test
    void whenADatabaseErrorQuotesAKeyThenTheValueIsRedacted() {
        assertThat(LogRedactor.redact("Detail: Key (verifier)=(0f3c9d) already exists."))
                .isEqualTo("Detail: Key (verifier)=([redacted]) already exists.");
    }

    @Test
    void whenALineHoldsNothingSensitiveThenItIsUnchanged() {
        String line = "INFO  [2026-12-04] org.openauthz: stopping: answering /health/ready 503 for 5000 ms; "
                + "client_secret_basic authentication of client_id=app, scope=openid offline";

        assertThat(LogRedactor.redact(line)).isSameAs(line);
    }
}
