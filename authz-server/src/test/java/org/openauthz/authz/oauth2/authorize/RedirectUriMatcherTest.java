package org.openauthz.authz.oauth2.authorize;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redirect URI matching: exact string comparison (RFC 6749 §3.1.2.3, RFC 9700 §4.1.3) except that a registered
 * loopback IP literal matches any port (RFC 8252 §7.3); and which redirect URIs are secure enough for the code flow
 * (<a href="https://www.rfc-editor.org/rfc/rfc9700#section-2.1">RFC 9700 §2.1</a>, and Hydra v1.10's rule).
 */
class RedirectUriMatcherTest {
    static final List<String> REGISTERED = List.of("https://app.example/cb", "https://app.example/cb?tenant=a",
            "http://127.0.0.1/callback", "http://127.0.0.1:8080/native?x=1", "http://[::1]/cb",
            "http://localhost:3000/cb", "com.example.app:/oauth2redirect");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NONE", textBlock = """
            https://app.example/cb                | https://app.example/cb
            https://app.example/cb?tenant=a       | https://app.example/cb?tenant=a
            com.example.app:/oauth2redirect       | com.example.app:/oauth2redirect
            http://localhost:3000/cb              | http://localhost:3000/cb
            http://127.0.0.1/callback             | http://127.0.0.1/callback
            http://127.0.0.1:51234/callback       | http://127.0.0.1:51234/callback
            http://127.0.0.1:1/native?x=1         | http://127.0.0.1:1/native?x=1
            http://127.0.0.1/native?x=1           | http://127.0.0.1/native?x=1
            http://[::1]:49152/cb                 | http://[::1]:49152/cb
            https://app.example/cb/               | NONE
            https://app.example/cb?tenant=b       | NONE
            https://app.example/cb?tenant=a&x=1   | NONE
            https://APP.example/cb                | NONE
            https://app.example:443/cb            | NONE
            https://app.example/CB                | NONE
            https://app.example/cb#frag           | NONE
            http://app.example/cb                 | NONE
            http://localhost:4000/cb              | NONE
            http://127.0.0.1:51234/other          | NONE
            http://127.0.0.1:51234/native?x=2     | NONE
            http://127.0.0.1:51234/native         | NONE
            https://127.0.0.1:51234/callback      | NONE
            http://127.0.0.2:51234/callback       | NONE
            http://[::1]:49152/other              | NONE
            http://[0:0:0:0:0:0:0:1]:49152/cb     | NONE
            com.example.app:/other                | NONE
            not a uri                             | NONE
            """)
    void whenRequestedUriIsComparedThenOnlyExactOrLoopbackAnyPortMatches(String requested, String resolved) {
        assertThat(RedirectUriMatcher.resolve(REGISTERED, requested)).isEqualTo(java.util.Optional
                .ofNullable(resolved));
    }

    @Test
    void whenRedirectUriIsOmittedThenOnlyASingleRegisteredOneIsUsed() {
        // RFC 6749 §3.1.2.3: with several registered URIs an omitted redirect_uri is ambiguous.
        assertThat(RedirectUriMatcher.resolve(List.of("https://app.example/cb"), null))
                .contains("https://app.example/cb");
        assertThat(RedirectUriMatcher.resolve(List.of("https://a.example/cb", "https://b.example/cb"), null))
                .isEmpty();
        assertThat(RedirectUriMatcher.resolve(List.of(), null)).isEmpty();
    }

    @Test
    void whenNothingIsRegisteredThenNothingMatches() {
        assertThat(RedirectUriMatcher.resolve(List.of(), "https://app.example/cb")).isEmpty();
        assertThat(RedirectUriMatcher.resolve(List.of(), "http://127.0.0.1:5000/cb")).isEmpty();
    }

    @Test
    void whenLoopbackHostnameLocalhostIsRegisteredThenThePortMustMatch() {
        // RFC 8252 §8.3: "localhost" is NOT RECOMMENDED; the any-port rule is for IP literals only.
        assertThat(RedirectUriMatcher.resolve(List.of("http://localhost/cb"), "http://localhost:5000/cb")).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            https://app.example/cb               | true
            http://localhost/cb                  | true
            http://localhost:3000/cb             | true
            http://127.0.0.1:5000/cb             | true
            http://[::1]:5000/cb                 | true
            http://myapp.localhost/cb            | true
            http://a.b.localhost:8080/cb         | true
            com.example.app:/oauth2redirect      | true
            http://app.example/cb                | false
            http://localhost.evil.example/cb     | false
            http://evil-localhost/cb             | false
            http://127.0.0.2/cb                  | false
            http:/relative                       | false
            not a uri                            | false
            """)
    void whenRedirectUriIsJudgedThenPlainHttpIsOnlySecureForThisMachine(String uri, boolean secure) {
        // As in Hydra v1.10, http is only allowed for hosts with the suffix 'localhost', plus the loopback IPs; custom
        // schemes (native apps, RFC 8252 §7.1) pass.
        assertThat(RedirectUriMatcher.isSecure(uri)).isEqualTo(secure);
    }

    @Test
    void whenSchemeIsUpperCaseHttpThenItIsStillPlainHttp() {
        assertThat(RedirectUriMatcher.isSecure("HTTP://app.example/cb")).isFalse();
        assertThat(RedirectUriMatcher.isSecure("Http://app.example/cb")).isFalse();
    }
}
