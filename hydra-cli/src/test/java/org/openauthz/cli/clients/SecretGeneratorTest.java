package org.openauthz.cli.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecretGeneratorTest {

    @Test
    void whenGeneratedThenTwentySixCharactersFromHydrasAlphabet() {
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < 200; i++) {
            String secret = SecretGenerator.generate(random);
            assertEquals(26, secret.length());
            assertTrue(secret.matches("[a-zA-Z0-9_\\-.~]{26}"), secret);
        }
    }

    @Test
    void whenManyGeneratedThenEveryAlphabetCharacterAppears() {
        SecureRandom random = new SecureRandom();
        Set<Character> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            for (char c : SecretGenerator.generate(random).toCharArray()) {
                seen.add(c);
            }
        }
        assertEquals(66, SecretGenerator.ALPHABET.length());
        assertEquals(66, seen.size());
    }

    @Test
    void whenGeneratedTwiceThenDifferent() {
        SecureRandom random = new SecureRandom();
        assertNotEquals(SecretGenerator.generate(random), SecretGenerator.generate(random));
    }
}
