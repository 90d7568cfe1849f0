package org.openauthz.loginconsent.identity;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DemoIdentityProviderTest {
    private final DemoIdentityProvider demo = new DemoIdentityProvider();

    @Test
    void whenTheGuideCredentialsAreGivenThenTheDemoUserIsReturned() {
        User user = demo.authenticate("foo@bar.com", "foobar").orElseThrow();

        assertThat(user.subject()).isEqualTo("foo@bar.com");
        assertThat(user.idTokenClaims()).containsEntry("email", "foo@bar.com").containsEntry("email_verified", true)
                .containsKey("name");
    }

    @Test
    void whenTheEmailDiffersOnlyInCaseOrSpacesThenItStillMatches() {
        assertThat(demo.authenticate("  Foo@Bar.COM ", "foobar")).isPresent();
    }

    @Test
    void whenThePasswordOrEmailIsWrongThenNobodyIsReturned() {
        assertThat(demo.authenticate("foo@bar.com", "FOOBAR")).isEmpty();
        assertThat(demo.authenticate("bar@foo.com", "foobar")).isEmpty();
        assertThat(demo.authenticate(null, null)).isEmpty();
    }

    @Test
    void whenFoundBySubjectThenOnlyTheDemoSubjectExists() {
        assertThat(demo.find("foo@bar.com")).isPresent();
        assertThat(demo.find("someone")).isEmpty();
        assertThat(demo.find(null)).isEmpty();
    }

    @Test
    void whenAskedForDemoCredentialsThenTheLoginPageCanShowThem() {
        assertThat(demo.demoCredentials()).contains(new IdentityProvider.DemoCredentials("foo@bar.com", "foobar"));
    }
}
