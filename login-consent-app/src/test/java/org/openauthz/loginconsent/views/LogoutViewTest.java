package org.openauthz.loginconsent.views;

import org.junit.jupiter.api.Test;
import org.openauthz.admin.client.model.LogoutRequest;
import org.openauthz.admin.client.model.OAuth2Client;
import org.openauthz.loginconsent.identity.User;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class LogoutViewTest {
    private static LogoutRequest request(String subject, OAuth2Client client) {
        return new LogoutRequest().challenge("o1").subject(subject).sid("s1").rpInitiated(client != null)
                .client(client);
    }

    @Test
    void whenShownThenTheFormHasTheStableNamesAndTheReferenceAppsButtonValues() {
        String html = Render.html(LogoutView.of("o1", request("foo@bar.com", null), "tok", Optional.empty()));

        assertThat(html).contains("<title>Do you wish to log out?</title>", "<h1>Do you wish to log out?</h1>")
                .contains("<form class=\"form logout-form\" method=\"post\" action=\"/logout\">")
                .contains("name=\"challenge\" value=\"o1\"", "name=\"_csrf\" value=\"tok\"")
                .contains("id=\"accept\" class=\"primary\" name=\"submit\" value=\"Yes\"")
                .contains("id=\"reject\" class=\"secondary\" name=\"submit\" value=\"No\"")
                .contains("<strong class=\"subject\">foo@bar.com</strong>")
                .doesNotContain("class=\"client-name\"");
    }

    @Test
    void whenTheUserIsKnownThenTheNameAndEmailAreShownInsteadOfTheSubject() {
        User alice = new User("7d0f7c1e", "alice@example.com", "Alice", Map.of());

        String html = Render.html(LogoutView.of("o1", request("7d0f7c1e", null), "tok", Optional.of(alice)));

        assertThat(html).contains("<strong class=\"subject\">Alice (alice@example.com)</strong>")
                .doesNotContain("7d0f7c1e");
    }

    @Test
    void whenTheUserHasNoNameThenTheEmailIsShown() {
        User bob = new User("b1", "bob@example.com", "", Map.of());

        assertThat(LogoutView.describe(bob)).isEqualTo("bob@example.com");
    }

    @Test
    void whenTheSubjectIsEmptyThenNobodyIsNamed() {
        String html = Render.html(LogoutView.of("o1", request("", null), "tok", Optional.empty()));

        assertThat(html).doesNotContain("You are signed in as");
    }

    @Test
    void whenAClientAskedThenItIsNamedByNameOrId() {
        String named = Render.html(LogoutView.of("o1", request("s", new OAuth2Client().clientId("app")
                .clientName("Test App")), "tok", Optional.empty()));
        String unnamed = Render.html(LogoutView.of("o1", request("s", new OAuth2Client().clientId("app")), "tok",
                Optional.empty()));

        assertThat(named).contains("Application <strong class=\"client-name\">Test App</strong> asks to log you out.");
        assertThat(unnamed).contains("<strong class=\"client-name\">app</strong>");
    }

    @Test
    void whenTheSubjectOrClientNameIsHostileThenItIsEscaped() {
        String html = Render.html(LogoutView.of("o1", request("<script>alert(1)</script>",
                new OAuth2Client().clientId("app").clientName("<img src=x onerror=alert(1)>")), "tok",
                Optional.empty()));

        assertThat(html).doesNotContain("<script>", "<img src=x").contains("&lt;script&gt;", "&lt;img src");
    }
}
