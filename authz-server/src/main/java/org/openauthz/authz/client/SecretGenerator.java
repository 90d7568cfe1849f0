package org.openauthz.authz.client;

import java.security.SecureRandom;

/** Generates client secrets like Hydra v1.10: 26 characters from {@code [a-zA-Z0-9_-.~]}. */
public final class SecretGenerator {
    private static final char[] ALPHABET =
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.~".toCharArray();
    public static final int LENGTH = 26;

    private final SecureRandom random;

    public SecretGenerator(SecureRandom random) {
        this.random = random;
    }

    public String generate() {
        char[] out = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            out[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(out);
    }
}
