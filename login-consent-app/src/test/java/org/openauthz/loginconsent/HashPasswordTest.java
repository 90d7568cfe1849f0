package org.openauthz.loginconsent;

import org.junit.jupiter.api.Test;
import org.openauthz.loginconsent.identity.PasswordHash;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class HashPasswordTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return HashPassword.run(args, null, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void whenGivenAPasswordThenItPrintsAHashThatVerifiesIt() {
        int status = run("s3cret");

        String line = out.toString(StandardCharsets.UTF_8).strip();
        assertThat(status).isZero();
        assertThat(line).startsWith("$pbkdf2-sha256$i=" + PasswordHash.DEFAULT_ITERATIONS + ",l=32$");
        assertThat(PasswordHash.parse(line).matches("s3cret".toCharArray())).isTrue();
    }

    @Test
    void whenThereIsNoPasswordAndNoTerminalThenItPrintsUsage() {
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage:");
        assertThat(out.size()).isZero();
    }

    @Test
    void whenThePasswordIsEmptyThenItRefuses() {
        assertThat(run("")).isEqualTo(1);
        assertThat(out.size()).isZero();
    }
}
