package org.openauthz.loginconsent.views;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorViewTest {
    @Test
    void whenThereIsAStartAgainUrlThenItIsALink() {
        String html = Render.html(new ErrorView(410, "Already answered", "Start again to continue.",
                "http://127.0.0.1:9000/oauth2/auth?client_id=c&state=s"));

        assertThat(html).contains("<h1>Already answered</h1>", "Error 410")
                .contains("id=\"start-again\" href=\"http://127.0.0.1:9000/oauth2/auth?client_id&#61;c&amp;state&#61;s\"");
    }

    @Test
    void whenThereIsNoStartAgainUrlThenThereIsNoLink() {
        assertThat(Render.html(new ErrorView(502, "Down", "Try later.", null))).doesNotContain("start-again");
    }
}
