package org.openauthz.cli.token.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthorizationLinkTest {

    /** RFC 7636 Appendix B. */
    private static final String RFC_VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    private static final String RFC_CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    private static final FlowSecrets SECRETS = new FlowSecrets("abcdefghijklmnopqrstuvwx", "zyxwvutsrqponmlkjihgfedc",
            RFC_VERIFIER);

    private static AuthorizationLink link(String authUrl, List<String> prompt, Integer maxAge, List<String> audience) {
        return new AuthorizationLink(authUrl, "another-consumer", "http://127.0.0.1:9010/callback",
                List.of("openid", "offline"), prompt, maxAge, audience);
    }

    @Test
    void whenRfc7636AppendixBVerifierThenItsS256Challenge() {
        assertEquals(RFC_CHALLENGE, FlowSecrets.s256(RFC_VERIFIER));
        assertEquals(RFC_CHALLENGE, SECRETS.codeChallenge());
    }

    @Test
    void whenOnlyRequiredFlagsThenCodeFlowParametersWithPkceAndNothingElse() {
        String url = link("http://127.0.0.1:9000/oauth2/auth", List.of(), null, List.of()).url(SECRETS);

        assertEquals("http://127.0.0.1:9000/oauth2/auth?response_type=code&client_id=another-consumer"
                + "&redirect_uri=http%3A%2F%2F127.0.0.1%3A9010%2Fcallback&scope=openid%20offline"
                + "&state=abcdefghijklmnopqrstuvwx&nonce=zyxwvutsrqponmlkjihgfedc"
                + "&code_challenge=" + RFC_CHALLENGE + "&code_challenge_method=S256", url);
    }

    @Test
    void whenPromptMaxAgeAndAudienceGivenThenAllSentSpaceJoined() {
        Map<String, String> parameters = link("http://127.0.0.1:9000/oauth2/auth", List.of("login", "consent"), 0,
                List.of("https://api.example.com/a", "https://api.example.com/b")).parameters(SECRETS);

        assertEquals("login consent", parameters.get("prompt"));
        assertEquals("0", parameters.get("max_age"));
        assertEquals("https://api.example.com/a https://api.example.com/b", parameters.get("audience"));
        assertEquals(11, parameters.size());
    }

    @Test
    void whenValuesHaveReservedCharactersThenPercentEncodedAndDecodeBack() {
        AuthorizationLink link = new AuthorizationLink("https://auth.example.com/oauth2/auth", "client &=+?#/ é",
                "http://127.0.0.1:9010/callback?x=1&y=2", List.of("openid", "a+b"), List.of(), null, List.of());

        String url = link.url(SECRETS);

        assertFalse(url.contains(" "), url);
        assertTrue(url.contains("client_id=client%20%26%3D%2B%3F%23%2F%20%C3%A9&"), url);
        Map<String, String> decoded = FakeAuthorizationServer.form(URI.create(url).getRawQuery());
        assertEquals("client &=+?#/ é", decoded.get("client_id"));
        assertEquals("http://127.0.0.1:9010/callback?x=1&y=2", decoded.get("redirect_uri"));
        assertEquals("openid a+b", decoded.get("scope"));
    }

    @Test
    void whenAuthUrlAlreadyHasQueryThenParametersAppended() {
        assertTrue(link("https://auth.example.com/authorize?tenant=a", List.of(), null, List.of()).url(SECRETS)
                .startsWith("https://auth.example.com/authorize?tenant=a&response_type=code&"));
        assertTrue(link("https://auth.example.com/authorize?", List.of(), null, List.of()).url(SECRETS)
                .startsWith("https://auth.example.com/authorize?response_type=code&"));
        assertTrue(link("https://auth.example.com/authorize#frag", List.of(), null, List.of()).url(SECRETS)
                .startsWith("https://auth.example.com/authorize?response_type=code&"));
    }
}
