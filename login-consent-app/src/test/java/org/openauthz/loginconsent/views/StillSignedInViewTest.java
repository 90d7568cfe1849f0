package org.openauthz.loginconsent.views;

import org.junit.jupiter.api.Test;
import org.openauthz.admin.client.model.LogoutRequest;
import org.openauthz.admin.client.model.OAuth2Client;

import static org.assertj.core.api.Assertions.assertThat;

class StillSignedInViewTest {
    @Test
    void whenTheClientHasAHomePageThenThePageLinksBackToIt() {
        String html = Render.html(StillSignedInView.of(new LogoutRequest().subject("s").client(new OAuth2Client()
                .clientId("app").clientName("Test App").clientUri("https://app.example/"))));

        assertThat(html).contains("<title>You are still signed in</title>", "You chose not to log out")
                .contains("id=\"back-to-client\" href=\"https://app.example/\">Back to Test App</a>")
                .doesNotContain("You can close this page");
    }

    @Test
    void whenThereIsNoClientThenThePageSaysItCanBeClosed() {
        String html = Render.html(StillSignedInView.of(new LogoutRequest().subject("s")));

        assertThat(html).contains("You are still signed in", "You can close this page.")
                .doesNotContain("back-to-client", "client-name");
    }

    @Test
    void whenTheClientUriIsAScriptThenNoLinkIsOffered() {
        String html = Render.html(StillSignedInView.of(new LogoutRequest().client(new OAuth2Client()
                .clientId("app").clientUri("javascript:alert(1)"))));

        assertThat(html).doesNotContain("javascript:", "back-to-client").contains("You can close this page.");
    }
}
