package org.openauthz.authz.oauth2.device;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;

/**
 * User codes as <a href="https://www.rfc-editor.org/rfc/rfc8628#section-6.1">RFC 8628 §6.1</a> recommends them: 8
 * characters from the 20 consonants {@code BCDFGHJKLMNPQRSTVWXZ} (no vowels, so no words; no digits, so nothing to
 * confuse with letters), shown as {@code XXXX-XXXX}: 20^8 ≈ 2^34.6 codes. Typed codes are read case-insensitively,
 * with any dashes and spaces ignored.
 */
public final class UserCodes {
    static final String ALPHABET = "BCDFGHJKLMNPQRSTVWXZ";
    static final int LENGTH = 8;

    private final SecureRandom random;

    public UserCodes(SecureRandom random) {
        this.random = random;
    }

    /** A fresh code in its canonical form (8 letters, no dash). */
    public String next() {
        StringBuilder code = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    /** How a person reads it: {@code BCDF-GHJK}. */
    public static String display(String canonical) {
        return canonical.substring(0, LENGTH / 2) + "-" + canonical.substring(LENGTH / 2);
    }

    /** The canonical form of what a person typed; empty when it cannot be a user code. */
    public static Optional<String> canonical(String typed) {
        if (typed == null || typed.length() > 32) {
            return Optional.empty();
        }
        String code = typed.replace("-", "").replace(" ", "").toUpperCase(Locale.ROOT);
        if (code.length() != LENGTH || !code.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0)) {
            return Optional.empty();
        }
        return Optional.of(code);
    }
}
