package org.openauthz.loginconsent.views;

import org.junit.jupiter.api.Test;
import org.openauthz.admin.client.model.ConsentRequest;
import org.openauthz.admin.client.model.OAuth2Client;

import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class ConsentViewTest {
    private static ConsentRequest request(OAuth2Client client, List<String> scopes) {
        return new ConsentRequest().challenge("cc").subject("foo@bar.com").skip(false).client(client)
                .requestedScope(scopes).requestedAccessTokenAudience(List.of());
    }

    private static String render(OAuth2Client client, List<String> scopes) {
        return Render.html(ConsentView.of("cc", request(client, scopes), "tok"));
    }

    @Test
    void whenScopesAreRequestedThenEachHasAnAlreadyTickedCheckbox() {
        String html = render(new OAuth2Client().clientId("app"), List.of("openid", "offline", "photos:read"));

        assertThat(Pattern.compile("name=\"grant_scope\" value=\"[^\"]+\" checked").matcher(html).results().count())
                .isEqualTo(3);
        assertThat(html).contains("id=\"scope-0\" name=\"grant_scope\" value=\"openid\" checked")
                .contains("<label for=\"scope-2\"><code>photos:read</code>")
                .contains("name=\"remember\" value=\"1\"", "Do not ask me again")
                .contains("name=\"submit\" value=\"Allow access\"", "name=\"submit\" value=\"Deny access\"")
                .contains("name=\"challenge\" value=\"cc\"", "name=\"_csrf\" value=\"tok\"");
    }

    @Test
    void whenTheClientHasANameThenTheGreetingUsesItElseTheId() {
        assertThat(render(new OAuth2Client().clientId("app-id").clientName("Photo App"), List.of()))
                .contains("Hi foo@bar.com, application <strong class=\"client-name\">Photo App</strong> wants access "
                        + "resources on your behalf and to:");
        assertThat(render(new OAuth2Client().clientId("app-id").clientName(""), List.of()))
                .contains("<strong class=\"client-name\">app-id</strong>");
    }

    @Test
    void whenTheClientHasLogoPolicyAndTermsThenTheyAreShown() {
        String html = render(new OAuth2Client().clientId("app").logoUri("https://app.example/logo.png")
                .policyUri("https://app.example/policy").tosUri("https://app.example/tos"), List.of("openid"));

        assertThat(html).contains("<img class=\"client-logo\" src=\"https://app.example/logo.png\"")
                .contains("href=\"https://app.example/policy\"", ">Policy</a>")
                .contains("href=\"https://app.example/tos\"", ">Terms of Service</a>");
    }

    @Test
    void whenTheClientHasNoneOfThemThenNoneIsShown() {
        String html = render(new OAuth2Client().clientId("app").logoUri("").policyUri(null), List.of("openid"));

        assertThat(html).doesNotContain("<img", "Policy", "Terms of Service");
    }

    @Test
    void whenTheClientUrlsAreNotWebUrlsThenTheyAreDropped() {
        String html = render(new OAuth2Client().clientId("app").logoUri("javascript:alert(1)")
                .policyUri("javascript:alert(2)").tosUri("data:text/html,hi"), List.of("openid"));

        assertThat(html).doesNotContain("javascript:", "data:text", "<img", "Policy");
    }

    @Test
    void whenTheClientNameIsHostileThenItIsEscaped() {
        String html = render(new OAuth2Client().clientId("app").clientName("<script>alert('x')</script>"),
                List.of("<b>scope</b>"));

        assertThat(html).doesNotContain("<script>", "<b>scope</b>")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
                .contains("value=\"&lt;b&gt;scope&lt;/b&gt;\"");
    }

    @Test
    void whenUrlsContainQueryStringsThenTheyAreEntityEncodedWhichBrowsersDecode() {
        String html = render(new OAuth2Client().clientId("app").policyUri("https://app.example/p?lang=en&x=1"),
                List.of());

        // Mustache writes '=' as &#61; and '&' as &amp;: both are decoded in attribute values.
        assertThat(html).contains("href=\"https://app.example/p?lang&#61;en&amp;x&#61;1\"");
    }

    @Test
    void whenAnAudienceIsRequestedThenItIsListed() {
        ConsentRequest request = request(new OAuth2Client().clientId("app"), List.of("openid"))
                .requestedAccessTokenAudience(List.of("https://api.example"));

        assertThat(Render.html(ConsentView.of("cc", request, "tok"))).contains("<code>https://api.example</code>");
    }

    @Test
    void whenNoScopeIsRequestedThenThePageSaysSo() {
        assertThat(render(new OAuth2Client().clientId("app"), List.of())).contains("asks for no scopes")
                .doesNotContain("name=\"grant_scope\"");
    }
}
