package org.openauthz.loginconsent.identity;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReleasedClaimsTest {
    private final User user = new User("s1", "a@b.c", "Alice",
            Map.of("email", "a@b.c", "email_verified", true, "name", "Alice", "phone_number", "+1", "team", "blue"));

    @Test
    void whenOnlyOpenidIsGrantedThenOnlyCustomClaimsAreReleased() {
        assertThat(ReleasedClaims.of(user, List.of("openid", "offline"))).containsExactly(Map.entry("team", "blue"));
    }

    @Test
    void whenEmailAndProfileAreGrantedThenTheirClaimsAreReleased() {
        assertThat(ReleasedClaims.of(user, List.of("openid", "email", "profile")))
                .containsOnlyKeys("email", "email_verified", "name", "team");
    }

    @Test
    void whenPhoneIsGrantedThenThePhoneNumberIsReleased() {
        assertThat(ReleasedClaims.of(user, List.of("phone"))).containsOnlyKeys("phone_number", "team");
    }
}
