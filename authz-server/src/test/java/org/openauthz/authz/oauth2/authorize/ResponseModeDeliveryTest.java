package org.openauthz.authz.oauth2.authorize;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openauthz.authz.client.OAuth2Client;
import org.openauthz.authz.oauth2.FormParameters;
import org.openauthz.authz.oauth2.OAuth2Error;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Delivery of authorization responses and errors: query (RFC 6749 §4.1.2, §4.1.2.1), fragment (§4.2.2, §4.2.2.1),
 * an auto-submitting form (OAuth 2.0 Form Post Response Mode §2), or the error page when the client could not be
 * trusted (Hydra v1.10's urls.error).
 */
class ResponseModeDeliveryTest {
    static final String STATE = "state-0123456789";

    static final String ISSUER = "https://auth.example/";

    private final ResponseModeDelivery responder = new ResponseModeDelivery(
            URI.create("https://auth.example/oauth2/fallbacks/error"), ISSUER);

    static ValidatedAuthorization auth(String redirectUri, ResponseMode mode, String state) {
        Map<String, List<String>> form = new HashMap<>();
        form.put("response_type", List.of("code"));
        form.put("client_id", List.of("app"));
        form.put("redirect_uri", List.of(redirectUri));
        if (state != null) {
            form.put("state", List.of(state));
        }
        OAuth2Client client = new OAuth2Client.Builder().clientId("app").redirectUris(List.of(redirectUri)).build();
        return new ValidatedAuthorization(client, AuthorizationRequest.parse(new FormParameters(form)), redirectUri,
                mode);
    }

    static Map<String, String> code() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("code", "abc.def");
        p.put("scope", "openid offline");
        return p;
    }

    /** The parameters of a query string or fragment, decoded. */
    static Map<String, String> parameters(String encoded) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    @Test
    void whenModeIsQueryThenTheParametersAndStateAreInTheQuery() {
        ResponseModeDelivery.Reply d = responder.success(auth("https://app.example/cb", ResponseMode.QUERY, STATE),
                code());

        // As Hydra v1.10 answers: Location: <redirect>?code=...&scope=openid+offline&state=..., plus RFC 9207's iss.
        assertThat(d.formPostHtml()).isNull();
        assertThat(d.location()).isEqualTo("https://app.example/cb?code=abc.def&scope=openid%20offline&state="
                + STATE + "&iss=https%3A%2F%2Fauth.example%2F");
        URI location = URI.create(d.location());
        assertThat(location.getFragment()).isNull();
        assertThat(parameters(location.getRawQuery())).containsExactly(Map.entry("code", "abc.def"),
                Map.entry("scope", "openid offline"), Map.entry("state", STATE), Map.entry("iss", ISSUER));
    }

    @Test
    void whenModeIsFragmentThenTheParametersAreInTheFragment() {
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("access_token", "tok.en");
        tokens.put("token_type", "bearer");
        tokens.put("expires_in", "3600");

        ResponseModeDelivery.Reply d = responder.success(auth("https://app.example/cb", ResponseMode.FRAGMENT,
                STATE), tokens);

        URI location = URI.create(d.location());
        assertThat(location.getRawQuery()).isNull();
        assertThat(parameters(location.getRawFragment())).containsExactly(Map.entry("access_token", "tok.en"),
                Map.entry("token_type", "bearer"), Map.entry("expires_in", "3600"), Map.entry("state", STATE),
                Map.entry("iss", ISSUER));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            QUERY    | https://app.example/cb?tenant=a%20b&x=1&code=abc.def&scope=openid%20offline&state=s-01234567&iss=https%3A%2F%2Fauth.example%2F
            FRAGMENT | https://app.example/cb?tenant=a%20b&x=1#code=abc.def&scope=openid%20offline&state=s-01234567&iss=https%3A%2F%2Fauth.example%2F
            """)
    void whenRedirectUriHasAQueryThenItIsKept(ResponseMode mode, String expected) {
        // RFC 6749 §3.1.2: the endpoint URI "MAY include a query component, which MUST be retained".
        ResponseModeDelivery.Reply d = responder.success(auth("https://app.example/cb?tenant=a%20b&x=1", mode,
                "s-01234567"), code());

        assertThat(d.location()).isEqualTo(expected);
    }

    @Test
    void whenModeIsFormPostThenAnAutoSubmittingFormPostsEveryParameterToTheRedirectUri() {
        ResponseModeDelivery.Reply d = responder.success(auth("https://app.example/cb?x=1&y=2",
                ResponseMode.FORM_POST, STATE), code());

        assertThat(d.location()).isNull();
        String html = d.formPostHtml();
        assertThat(html).startsWith("<!DOCTYPE html>")
                .contains("<form method=\"post\" action=\"https://app.example/cb?x=1&amp;y=2\">")
                .contains("onload=\"javascript:document.forms[0].submit()\"")
                .contains("<input type=\"hidden\" name=\"code\" value=\"abc.def\"/>")
                .contains("<input type=\"hidden\" name=\"scope\" value=\"openid offline\"/>")
                .contains("<input type=\"hidden\" name=\"state\" value=\"" + STATE + "\"/>")
                .contains("<input type=\"hidden\" name=\"iss\" value=\"" + ISSUER + "\"/>")
                .contains("<noscript>");
    }

    @Test
    void whenFormPostCarriesHostileValuesThenTheyAreHtmlEscaped() {
        // The state comes from the client request: it must not be able to break out of the attribute.
        String hostile = "\"/><script>alert('x')</script><input value=\"&";

        ResponseModeDelivery.Reply d = responder.success(auth("https://app.example/cb", ResponseMode.FORM_POST,
                hostile), code());

        assertThat(d.formPostHtml()).doesNotContain("<script>").doesNotContain("alert('x')")
                .contains("value=\"&quot;/&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&lt;input "
                        + "value=&quot;&amp;\"/>");
    }

    @Test
    void whenErrorFormPostCarriesAHostileHintThenItIsEscapedToo() {
        AuthorizeException e = new AuthorizeException(OAuth2Error.INVALID_REQUEST.withHint("<img src=x onerror=1>"),
                "https://app.example/cb", ResponseMode.FORM_POST, "st\"ate-0123");

        String html = responder.error(e).formPostHtml();

        assertThat(html).doesNotContain("<img").contains("&lt;img src=x onerror=1&gt;")
                .contains("value=\"st&quot;ate-0123\"");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            plain                     | plain
            a&b                       | a&amp;b
            <tag>                     | &lt;tag&gt;
            "double" 'single'         | &quot;double&quot; &#39;single&#39;
            &amp;                     | &amp;amp;
            """)
    void whenTextIsEscapedThenTheFiveHtmlSpecialCharactersAreReplaced(String raw, String escaped) {
        assertThat(ResponseModeDelivery.escape(raw)).isEqualTo(escaped);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"QUERY, ?", "FRAGMENT, #"})
    void whenErrorHasAVerifiedRedirectUriThenItGoesThereWithState(ResponseMode mode, char separator) {
        // RFC 6749 §4.1.2.1 / §4.2.2.1: error, error_description, state.
        AuthorizeException e = new AuthorizeException(OAuth2Error.INVALID_STATE.withHint("Too short."),
                "https://app.example/cb", mode, "short");

        String location = responder.error(e).location();

        assertThat(location).startsWith("https://app.example/cb" + separator);
        assertThat(parameters(location.substring(location.indexOf(separator) + 1))).containsExactly(
                Map.entry("error", "invalid_state"),
                Map.entry("error_description", "The state is missing or does not have enough characters and is "
                        + "therefore considered too weak. Too short."),
                Map.entry("state", "short"), Map.entry("iss", ISSUER));
    }

    @Test
    void whenErrorHasNoStateThenNoStateParameterIsSent() {
        AuthorizeException e = new AuthorizeException(OAuth2Error.INVALID_STATE, "https://app.example/cb",
                ResponseMode.QUERY, null);

        assertThat(parameters(URI.create(responder.error(e).location()).getRawQuery())).doesNotContainKey("state");
    }

    @Test
    void whenErrorCannotGoToTheClientThenTheErrorPageGetsErrorDescriptionAndHint() {
        // As in Hydra v1.10, unknown client / unregistered redirect URI -> urls.error.
        AuthorizeException e = AuthorizeException.toErrorPage(OAuth2Error.INVALID_CLIENT.withHint(
                "The requested OAuth 2.0 Client does not exist."));

        ResponseModeDelivery.Reply d = responder.error(e);

        URI location = URI.create(d.location());
        assertThat(d.location()).startsWith("https://auth.example/oauth2/fallbacks/error?");
        assertThat(parameters(location.getRawQuery())).containsExactly(
                Map.entry("error", "invalid_client"),
                Map.entry("error_description", OAuth2Error.INVALID_CLIENT.description()
                        + " The requested OAuth 2.0 Client does not exist."),
                Map.entry("error_hint", "The requested OAuth 2.0 Client does not exist."));
    }

    @Test
    void whenErrorPageErrorHasNoHintThenNoHintParameterIsSent() {
        ResponseModeDelivery.Reply d = responder.errorPage(OAuth2Error.INVALID_REQUEST);

        assertThat(parameters(URI.create(d.location()).getRawQuery())).containsOnlyKeys("error",
                "error_description");
    }

    @Test
    void whenErrorPageUrlHasAQueryThenTheErrorParametersAreAppended() {
        ResponseModeDelivery withQuery = new ResponseModeDelivery(URI.create("https://ui.example/error?lang=en"),
                ISSUER);

        String location = withQuery.errorPage(OAuth2Error.INVALID_REQUEST.withHint("x y")).location();

        assertThat(location).startsWith("https://ui.example/error?lang=en&error=invalid_request&");
        assertThat(parameters(URI.create(location).getRawQuery())).containsEntry("lang", "en")
                .containsEntry("error_hint", "x y");
    }

    @Test
    void whenParametersHoldReservedCharactersThenTheyArePercentEncoded() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("code", "a+b/c=d&e#f g");

        String location = responder.success(auth("https://app.example/cb", ResponseMode.QUERY, STATE), p)
                .location();

        assertThat(location).startsWith("https://app.example/cb?code=a%2Bb%2Fc%3Dd%26e%23f%20g&state=");
        assertThat(parameters(URI.create(location).getRawQuery())).containsEntry("code", "a+b/c=d&e#f g");
    }
}
