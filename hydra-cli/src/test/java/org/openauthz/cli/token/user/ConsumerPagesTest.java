package org.openauthz.cli.token.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsumerPagesTest {

    @Test
    void whenEscapingThenAllHtmlSpecialCharactersReplaced() {
        assertEquals("&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;",
                ConsumerPages.escape("<script>alert(\"x\" & 'y')</script>"));
        assertEquals("", ConsumerPages.escape(null));
        assertEquals("plain é", ConsumerPages.escape("plain é"));
    }

    @Test
    void whenHomePageThenLinkHrefIsEscaped() {
        String html = ConsumerPages.home("http://127.0.0.1:9000/oauth2/auth?a=1&b=\"2\"");

        assertTrue(html.contains("<h1>Welcome to the exemplary OAuth 2.0 Consumer!</h1>"), html);
        assertTrue(html.contains("href=\"http://127.0.0.1:9000/oauth2/auth?a=1&amp;b=&quot;2&quot;\">Authorize application</a>"),
                html);
    }

    @Test
    void whenTokensPageThenEachValueInItsElementAndEscaped() {
        TokenReport report = new TokenReport("at<1>", null, Instant.parse("2021-07-08T11:00:00Z"), 3600L, "a.b.c",
                "{\"sub\" : \"<x>\"}", null);

        String html = ConsumerPages.tokens(report);

        assertTrue(html.contains("<code id=\"access-token\">at&lt;1&gt;</code>"), html);
        assertTrue(html.contains("<code id=\"refresh-token\">(none)</code>"), html);
        assertTrue(html.contains("<code id=\"expires\">2021-07-08T11:00:00Z (3600 seconds)</code>"), html);
        assertTrue(html.contains("<code id=\"id-token\">a.b.c</code>"), html);
        assertTrue(html.contains("<code id=\"id-token-claims\">{&quot;sub&quot; : &quot;&lt;x&gt;&quot;}</code>"), html);
        assertTrue(html.contains("id=\"id-token-valid\""), html);
        for (String heading : new String[] {"Access Token", "Refresh Token", "Expires in", "ID Token"}) {
            assertTrue(html.contains("<h2>" + heading + "</h2>"), heading);
        }
    }

    @Test
    void whenIdTokenProblemThenAlertShownInsteadOfValidMark() {
        String html = ConsumerPages.tokens(new TokenReport("at", "rt", null, null, "a.b.c", null, "it expired at <then>"));

        assertTrue(html.contains("The ID token could not be validated: it expired at &lt;then&gt;"), html);
        assertFalse(html.contains("id-token-valid"), html);
        assertTrue(html.contains("<code id=\"expires\">unknown (the token endpoint sent no expires_in)</code>"), html);
    }

    @Test
    void whenErrorPageThenMessageAndDetailsEscapedAndNullDetailsLeftOut() {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("Error", "access_denied");
        details.put("Hint", null);
        details.put("Description", "<img src=x onerror=alert(1)>");

        String html = ConsumerPages.error("An error occurred", "Returned: <b>", details);

        assertTrue(html.contains("Returned: &lt;b&gt;"), html);
        assertTrue(html.contains("<dt>Description</dt><dd><code>&lt;img src=x onerror=alert(1)&gt;</code></dd>"), html);
        assertFalse(html.contains("<img"), html);
        assertFalse(html.contains("Hint"), html);
    }

    @Test
    void whenConsoleTextThenFourTabIndentedSections() {
        TokenReport report = new TokenReport("at", "rt", Instant.parse("2021-07-08T11:00:00Z"), 3600L, "id", null, null);
        assertEquals("Access Token:\n\tat\nRefresh Token:\n\trt\nExpires in:\n\t2021-07-08T11:00:00Z (3600 seconds)\n"
                + "ID Token:\n\tid\n", report.consoleText());
    }
}
