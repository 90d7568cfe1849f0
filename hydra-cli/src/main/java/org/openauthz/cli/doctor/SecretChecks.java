package org.openauthz.cli.doctor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks the system secrets (and cookie secrets when set apart) without ever printing one: a secret published in an
 * example, a guessable one, or one shorter than an HMAC-SHA256 key should be
 * (<a href="https://www.rfc-editor.org/rfc/rfc7518#section-3.2">RFC 7518 §3.2</a>: at least 256 bits). The system
 * secret signs opaque tokens and encrypts keys at rest, so whoever knows it can mint tokens.
 */
final class SecretChecks {
    /** 32 characters: the 256 bits of RFC 7518 §3.2 if each character carried 8 bits; fewer can never reach them. */
    static final int RECOMMENDED_LENGTH = 32;
    /** Estimated bits below which a secret is reported as weak (MEDIUM), and as guessable (HIGH). */
    static final double WEAK_BITS = 120;
    static final double GUESSABLE_BITS = 64;
    /** Secrets printed in examples: Hydra's quickstart and this project's compose, bench and test scripts. */
    private static final List<String> EXAMPLE_SECRETS = List.of(
            "youReallyNeedToChangeThis",
            "this_needs_to_be_the_same_always_and_also_very_s3cuR3",
            "bench-system-secret-0123456789",
            "browser-e2e-secret-0123456789",
            "faults-system-secret-0123456789");

    private SecretChecks() {
    }

    /** Findings about the entries of one list of secrets; {@code key} is its configuration key. */
    static List<Finding> check(String key, List<String> secrets) {
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < secrets.size(); i++) {
            String secret = secrets.get(i);
            String entry = "entry " + (i + 1);
            double bits = estimatedBits(secret);
            if (isExample(secret)) {
                findings.add(new Finding(Severity.HIGH, "example-secret", key, entry + " is a secret printed in "
                        + "public examples: anyone can mint tokens and read keys encrypted with it", "RFC 6749 §10.10",
                        rotateFix(key)));
            } else if (bits < GUESSABLE_BITS) {
                findings.add(new Finding(Severity.HIGH, "weak-secret", key, entry + " has about " + (int) bits
                        + " bits of entropy (estimated from its characters): guessable", "RFC 7518 §3.2",
                        rotateFix(key)));
            } else if (secret.length() < RECOMMENDED_LENGTH || bits < WEAK_BITS) {
                findings.add(new Finding(Severity.MEDIUM, "weak-secret", key, entry + " has " + secret.length()
                        + " characters and about " + (int) bits + " bits of entropy; an HMAC-SHA256 key wants 256 "
                        + "bits", "RFC 7518 §3.2", rotateFix(key)));
            }
        }
        return findings;
    }

    private static String rotateFix(String key) {
        return "put a new random secret of at least " + RECOMMENDED_LENGTH + " characters first in " + key
                + " (e.g. $(head -c 32 /dev/urandom | base64)) and keep the old one after it until the tokens it "
                + "signed have expired";
    }

    /** Constant-time comparison with each example, so that the check itself leaks nothing through timing. */
    private static boolean isExample(String secret) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        boolean found = false;
        for (String example : EXAMPLE_SECRETS) {
            found |= MessageDigest.isEqual(bytes, example.getBytes(StandardCharsets.UTF_8));
        }
        return found;
    }

    /**
     * Length times the Shannon entropy of the secret's own character frequencies: an upper bound for random
     * secrets, and low for repeated or few characters. It cannot see dictionary words, so it flags only the worst.
     */
    static double estimatedBits(String secret) {
        Map<Integer, Integer> counts = new HashMap<>();
        secret.codePoints().forEach(c -> counts.merge(c, 1, Integer::sum));
        int length = secret.codePointCount(0, secret.length());
        double perCharacter = 0;
        for (int count : counts.values()) {
            double p = (double) count / length;
            perCharacter -= p * Math.log(p) / Math.log(2);
        }
        return perCharacter * length;
    }
}
