package org.openauthz.loginconsent.views;

import org.junit.jupiter.api.Test;
import org.openauthz.admin.client.model.LoginRequest;
import org.openauthz.admin.client.model.OpenIDConnectContext;
import org.openauthz.loginconsent.identity.IdentityProvider.DemoCredentials;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class LoginViewTest {
    private static final Optional<DemoCredentials> DEMO = Optional.of(new DemoCredentials("foo@bar.com", "foobar"));

    private static LoginRequest request(String loginHint) {
        return new LoginRequest().challenge("c1").skip(false)
                .oidcContext(loginHint == null ? null : new OpenIDConnectContext().loginHint(loginHint));
    }

    @Test
    void whenFirstShownThenTheFormHasTheStableFieldNames() {
        String html = Render.html(LoginView.first("c1", request(null), "tok", Optional.empty()));

        assertThat(html).contains("<title>Please log in</title>", "<h1>Please log in</h1>")
                .contains("name=\"email\"", "name=\"password\"", "name=\"remember\" value=\"1\"")
                .contains("name=\"submit\" value=\"Log in\"", "name=\"submit\" value=\"Deny access\"")
                .contains("name=\"challenge\" value=\"c1\"", "name=\"_csrf\" value=\"tok\"")
                .contains("<label for=\"email\">", "<label for=\"password\">", "<label for=\"remember\">")
                .contains("action=\"/login\"", "href=\"/static/style.css\"")
                .doesNotContain("role=\"alert\"");
    }

    @Test
    void whenTheClientSentALoginHintThenTheEmailIsPrefilled() {
        String html = Render.html(LoginView.first("c1", request("alice@example.com"), "tok", Optional.empty()));

        assertThat(html).contains("name=\"email\" value=\"alice@example.com\"");
    }

    @Test
    void whenTheLoginHintIsHostileThenItIsEscaped() {
        String html = Render.html(LoginView.first("c1", request("\"><script>alert(1)</script>"), "tok",
                Optional.empty()));

        assertThat(html).doesNotContain("<script>").contains("&quot;&gt;&lt;script&gt;");
    }

    @Test
    void whenTheDemoProviderIsActiveThenTheHintsAreShown() {
        String html = Render.html(LoginView.first("c1", request(null), "tok", DEMO));

        assertThat(html).contains("(it's \"foo@bar.com\")", "(it's \"foobar\")");
    }

    @Test
    void whenAnotherProviderIsActiveThenNoHintIsShown() {
        String html = Render.html(LoginView.first("c1", request(null), "tok", Optional.empty()));

        assertThat(html).doesNotContain("(it's");
    }

    @Test
    void whenShownAgainAfterWrongCredentialsThenTheMessageAndEmailAreThere() {
        String html = Render.html(LoginView.retry("c1", "tok", "foo@bar.com", DEMO));

        assertThat(html).contains("role=\"alert\"")
                .contains("The username / password combination is not correct")
                .contains("name=\"email\" value=\"foo@bar.com\"")
                .contains("aria-invalid=\"true\"", "aria-describedby=\"login-error email-hint\"");
    }
}
