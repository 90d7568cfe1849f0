package org.openauthz.cli.token.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class FlowSecretsTest {

    @Test
    void whenGeneratedThenStateAndNonceAre24LowercaseLettersAndVerifierIs64Unreserved() {
        FlowSecrets secrets = FlowSecrets.generate(new SecureRandom());

        assertTrue(secrets.state().matches("[a-z]{24}"), secrets.state());
        assertTrue(secrets.nonce().matches("[a-z]{24}"), secrets.nonce());
        assertTrue(secrets.codeVerifier().matches("[A-Za-z0-9._~-]{64}"), secrets.codeVerifier());
        assertNotEquals(secrets.state(), secrets.nonce());
        assertTrue(secrets.codeChallenge().matches("[A-Za-z0-9_-]{43}"), secrets.codeChallenge());
    }

    @Test
    void whenGeneratedTwiceThenDifferent() {
        SecureRandom random = new SecureRandom();
        assertNotEquals(FlowSecrets.generate(random).state(), FlowSecrets.generate(random).state());
    }

    @Test
    void whenStateComparedThenOnlyTheExactIssuedValueMatches() {
        FlowSecrets secrets = new FlowSecrets("abcdefghijklmnopqrstuvwx", "nonce", "verifier");

        assertTrue(secrets.stateMatches("abcdefghijklmnopqrstuvwx"));
        assertFalse(secrets.stateMatches("abcdefghijklmnopqrstuvwy"));
        assertFalse(secrets.stateMatches("abcdefghijklmnopqrstuvw"));
        assertFalse(secrets.stateMatches(""));
        assertFalse(secrets.stateMatches(null));
    }

    @Test
    void whenPrintedThenSecretsHidden() {
        assertEquals("FlowSecrets[...]", new FlowSecrets("state", "nonce", "verifier").toString());
    }
}
