package org.openauthz.loginconsent.views;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HomeViewTest {
    @Test
    void whenTheDemoUserIsActiveThenTheHomePageSaysSo() {
        assertThat(Render.html(new HomeView(true))).contains("foo@bar.com", "docs/custom-idp.md");
        assertThat(Render.html(new HomeView(false))).doesNotContain("foo@bar.com").contains("docs/custom-idp.md");
    }
}
