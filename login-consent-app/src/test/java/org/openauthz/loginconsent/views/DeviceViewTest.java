package org.openauthz.loginconsent.views;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeviceViewTest {
    @Test
    void whenFirstShownThenTheFormHasTheStableFieldNamesAndThePrefilledCode() {
        String html = Render.html(DeviceView.first("dc1", "tok", "BCDF-GHJK"));

        assertThat(html).contains("<title>Sign in on your device</title>", "<h1>Sign in on your device</h1>")
                .contains("action=\"/device\"", "name=\"challenge\" value=\"dc1\"", "name=\"_csrf\" value=\"tok\"")
                .contains("name=\"user_code\" value=\"BCDF-GHJK\"", "name=\"submit\" value=\"Continue\"")
                .contains("<label for=\"user_code\">")
                .doesNotContain("role=\"alert\"");
    }

    @Test
    void whenACodeWasRefusedThenTheMessageIsShownAndTheCodeKept() {
        String html = Render.html(DeviceView.retry("dc1", "tok", "BBBB-BBBB", DeviceView.WRONG_CODE));

        assertThat(html).contains("id=\"device-error\"", "That code is not right")
                .contains("name=\"user_code\" value=\"BBBB-BBBB\"", "aria-invalid=\"true\"");
    }

    @Test
    void whenTheTypedCodeIsHostileThenItIsEscaped() {
        String html = Render.html(DeviceView.retry("dc1", "tok", "\"><script>x</script>", DeviceView.WRONG_CODE));

        assertThat(html).doesNotContain("<script>x").contains("&quot;&gt;&lt;script&gt;");
    }
}
