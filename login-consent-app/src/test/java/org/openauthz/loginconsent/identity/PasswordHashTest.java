package org.openauthz.loginconsent.identity;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PasswordHashTest {
    /** Low cost keeps the tests fast; the format and comparison do not depend on it. */
    private static final int FAST = 1_000;
    private final SecureRandom random = new SecureRandom();

    @Test
    void whenHashedThenTheSamePasswordMatchesAndAnotherDoesNot() {
        PasswordHash hash = PasswordHash.create("correct horse".toCharArray(), FAST, random);

        assertThat(hash.matches("correct horse".toCharArray())).isTrue();
        assertThat(hash.matches("correct horsf".toCharArray())).isFalse();
        assertThat(hash.matches(new char[0])).isFalse();
    }

    @Test
    void whenFormattedThenItHasTheDocumentedShapeWithoutPadding() {
        String text = PasswordHash.create("pw".toCharArray(), FAST, random).toString();

        assertThat(text).matches("\\$pbkdf2-sha256\\$i=1000,l=32\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
    }

    @Test
    void whenParsedThenItEqualsTheOriginalAndStillMatches() {
        PasswordHash original = PasswordHash.create("pw".toCharArray(), FAST, random);

        PasswordHash parsed = PasswordHash.parse(original.toString());

        assertThat(parsed).isEqualTo(original);
        assertThat(parsed.matches("pw".toCharArray())).isTrue();
        assertThat(parsed.iterations()).isEqualTo(FAST);
    }

    @Test
    void whenTwoHashesOfOnePasswordThenTheSaltsDiffer() {
        assertThat(PasswordHash.create("pw".toCharArray(), FAST, random).toString())
                .isNotEqualTo(PasswordHash.create("pw".toCharArray(), FAST, random).toString());
    }

    @Test
    void whenAKnownVectorIsParsedThenItVerifies() {
        // PBKDF2-HMAC-SHA256("password", "saltsaltsaltsalt", 1000, 32), computed independently with Python's
        // hashlib.pbkdf2_hmac, so that the format stays compatible with other tools.
        PasswordHash hash = PasswordHash.parse(
                "$pbkdf2-sha256$i=1000,l=32$c2FsdHNhbHRzYWx0c2FsdA$8nX7hwFEzIB8aPajJTYK8weHQc5Ngz0pFVAKvSu4jQA");

        assertThat(hash.matches("password".toCharArray())).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "plaintext",
            "$pbkdf2-sha1$i=1000,l=32$c2FsdHNhbHRzYWx0c2FsdA$AAAA",
            "$pbkdf2-sha256$i=1000$c2FsdHNhbHRzYWx0c2FsdA",
            "$pbkdf2-sha256$i=10,l=32$c2FsdHNhbHRzYWx0c2FsdA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "$pbkdf2-sha256$i=1000,l=31$c2FsdHNhbHRzYWx0c2FsdA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "$pbkdf2-sha256$i=1000,l=32$c2FsdHNhbHRzYWx0c2FsdA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "$pbkdf2-sha256$i=1000,l=32$not*base64$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "$pbkdf2-sha256$i=1000,l=32,x=1$c2FsdHNhbHRzYWx0c2FsdA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "$pbkdf2-sha256$i=abc,l=32$c2FsdHNhbHRzYWx0c2FsdA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"})
    void whenTheTextIsNotAValidHashThenParsingFailsWithoutEchoingIt(String text) {
        assertThatThrownBy(() -> PasswordHash.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> {
                    if (text.length() > 20) {
                        assertThat(e.getMessage()).doesNotContain(text);
                    }
                });
    }

    @Test
    void whenThePasswordIsEmptyThenItCannotBeHashed() {
        assertThatThrownBy(() -> PasswordHash.create(new char[0], FAST, random))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
