package org.openauthz.authz.api.publicapi;

import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The last page of a logout with front-channel clients: nothing a URL holds can break out of it. */
class FrontChannelPageTest {
    @Test
    void whenUrlsHoldMarkupThenTheyStayInsideTheirAttributeAndString() {
        Response page = FrontChannelPage.response("https://rp.example/bye?a=1&b=\"</script><b>'",
                List.of("https://fc.example:8443/logout?x='onload='alert(1)&iss=i&sid=s",
                        "http://other.example/fc?sid=s", "https://bad.example/\"><script>alert(2)</script>",
                        "javascript:alert(3)")).build();
        String html = (String) page.getEntity();

        assertThat(html).doesNotContain("<b>").doesNotContain("alert(2)").doesNotContain("alert(3)")
                .contains("src=\"https://fc.example:8443/logout?x=&#39;onload=&#39;alert(1)&amp;iss=i&amp;sid=s\"")
                .contains("\"https://rp.example/bye?a=1\\u0026b=\\\"\\u003c/script\\u003e\\u003cb\\u003e\\u0027\"");
        assertThat(html.split("<iframe", -1)).hasSize(3);
        assertThat(page.getHeaderString("Content-Security-Policy"))
                .contains("frame-src https://fc.example:8443 http://other.example;");
    }

    @Test
    void whenTheUrlHasUserInfoThenTheOriginLeavesItOut() {
        assertThat(FrontChannelPage.origin("https://user:pw@fc.example/x")).isEqualTo("https://fc.example");
    }
}
