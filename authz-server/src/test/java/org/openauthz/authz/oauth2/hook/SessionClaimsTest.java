package org.openauthz.authz.oauth2.hook;

import org.junit.jupiter.api.Test;
import org.openauthz.authz.oauth2.token.TokenSession;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** How a hook's 200 answer replaces the claims of the tokens about to be issued (decision 0014). */
class SessionClaimsTest {
    private static final TokenSession STORED = new TokenSession(Map.of("department", "research"),
            Map.of("sub", "pairwise-sub", "nonce", "n-0123456789", "email", "alice@example.com"), null,
            Map.of(), "pairwise-sub");

    @Test
    void whenTheHookAnswersBothObjectsThenTheyReplaceTheCustomClaimsButNotTheServersClaims() {
        TokenSession out = new SessionClaims(new SessionClaims.Claims(Map.of("tier", "gold"),
                Map.of("tier", "gold", "sub", "mallory", "nonce", "forged"))).applyTo(STORED);

        assertThat(out.ext()).isEqualTo(Map.of("tier", "gold"));
        assertThat(out.idTokenClaims()).isEqualTo(Map.of("sub", "pairwise-sub", "nonce", "n-0123456789",
                "tier", "gold"));
        assertThat(out.obfuscatedSubject()).isEqualTo("pairwise-sub");
    }

    @Test
    void whenTheHookLeavesAMemberOutThenThatPartIsEmptied() {
        TokenSession out = new SessionClaims(new SessionClaims.Claims(null, null)).applyTo(STORED);

        assertThat(out.ext()).isEmpty();
        assertThat(out.idTokenClaims()).isEqualTo(Map.of("sub", "pairwise-sub", "nonce", "n-0123456789"));
    }

    @Test
    void whenTheGrantHasNoIdTokenThenTheHooksIdTokenClaimsAreNotKept() {
        TokenSession out = new SessionClaims(new SessionClaims.Claims(Map.of("plan", "pro"), Map.of("x", "y")))
                .applyTo(TokenSession.empty());

        assertThat(out.ext()).isEqualTo(Map.of("plan", "pro"));
        assertThat(out.idTokenClaims()).isEmpty();
    }
}
