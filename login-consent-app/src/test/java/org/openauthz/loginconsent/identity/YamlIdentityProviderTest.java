package org.openauthz.loginconsent.identity;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class YamlIdentityProviderTest {
    private static final String ALICE_HASH = hash("alice-secret");
    private static final String BOB_HASH = hash("bob-secret");

    @TempDir
    Path dir;

    private static String hash(String password) {
        return PasswordHash.create(password.toCharArray(), 1_000, new SecureRandom()).toString();
    }

    private Path file(String yaml) throws IOException {
        Path file = dir.resolve("users.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private YamlIdentityProvider twoUsers() throws IOException {
        return YamlIdentityProvider.load(file("""
                - email: alice@example.com
                  name: Alice Example
                  password_hash: %s
                  email_verified: true
                  claims:
                    locale: en
                - email: Bob@Example.com
                  name: Bob
                  subject: 0b0b
                  password_hash: "%s"
                """.formatted(ALICE_HASH, BOB_HASH)));
    }

    @Test
    void whenTheRightPasswordIsGivenThenTheUserWithClaimsIsReturned() throws IOException {
        User alice = twoUsers().authenticate("alice@example.com", "alice-secret").orElseThrow();

        assertThat(alice.subject()).isEqualTo("alice@example.com");
        assertThat(alice.name()).isEqualTo("Alice Example");
        assertThat(alice.idTokenClaims()).containsEntry("email", "alice@example.com")
                .containsEntry("email_verified", true).containsEntry("name", "Alice Example")
                .containsEntry("locale", "en");
    }

    @Test
    void whenASubjectIsGivenThenItIsUsedAndEmailsMatchWithoutCase() throws IOException {
        User bob = twoUsers().authenticate("bob@example.COM", "bob-secret").orElseThrow();

        assertThat(bob.subject()).isEqualTo("0b0b");
        assertThat(bob.idTokenClaims()).doesNotContainKey("email_verified");
    }

    @Test
    void whenThePasswordIsWrongOrTheEmailUnknownThenNobodyIsReturned() throws IOException {
        YamlIdentityProvider users = twoUsers();

        assertThat(users.authenticate("alice@example.com", "bob-secret")).isEmpty();
        assertThat(users.authenticate("carol@example.com", "alice-secret")).isEmpty();
        assertThat(users.authenticate("alice@example.com", "")).isEmpty();
        assertThat(users.authenticate(null, "x")).isEmpty();
    }

    @Test
    void whenFoundBySubjectThenTheUserIsReturned() throws IOException {
        YamlIdentityProvider users = twoUsers();

        assertThat(users.find("0b0b")).map(User::email).contains("Bob@Example.com");
        assertThat(users.find("alice@example.com")).isPresent();
        assertThat(users.find("bob@example.com")).isEmpty();
        assertThat(users.size()).isEqualTo(2);
    }

    @Test
    void whenAPlainPasswordIsWrittenThenLoadingFailsPointingAtHashPassword() throws IOException {
        Path file = file("- email: a@b.c\n  password: secret\n");

        assertThatThrownBy(() -> YamlIdentityProvider.load(file))
                .isInstanceOf(UsersFileException.class)
                .hasMessageContaining("user 1").hasMessageContaining("HashPassword").hasMessageNotContaining("secret");
    }

    @Test
    void whenAnEmailAppearsTwiceThenLoadingFails() throws IOException {
        Path file = file("""
                - {email: a@b.c, password_hash: "%s"}
                - {email: A@B.C, password_hash: "%s"}
                """.formatted(ALICE_HASH, BOB_HASH));

        assertThatThrownBy(() -> YamlIdentityProvider.load(file))
                .isInstanceOf(UsersFileException.class).hasMessageContaining("user 2").hasMessageContaining("twice");
    }

    @Test
    void whenTheHashIsMissingOrBrokenThenLoadingFailsNamingTheUser() throws IOException {
        Path missing = file("- {email: a@b.c}\n");
        assertThatThrownBy(() -> YamlIdentityProvider.load(missing))
                .isInstanceOf(UsersFileException.class).hasMessageContaining("a@b.c").hasMessageContaining("missing");

        Path broken = file("- {email: a@b.c, password_hash: \"$pbkdf2-sha256$nonsense\"}\n");
        assertThatThrownBy(() -> YamlIdentityProvider.load(broken))
                .isInstanceOf(UsersFileException.class).hasMessageContaining("a@b.c");
    }

    @Test
    void whenAClaimIsReservedThenLoadingFails() throws IOException {
        Path file = file("- {email: a@b.c, password_hash: \"%s\", claims: {sub: admin}}\n".formatted(ALICE_HASH));

        assertThatThrownBy(() -> YamlIdentityProvider.load(file))
                .isInstanceOf(UsersFileException.class).hasMessageContaining("\"sub\"");
    }

    @Test
    void whenAKeyIsMisspeltThenLoadingFails() throws IOException {
        Path file = file("- {email: a@b.c, password_hash: \"%s\", nmae: A}\n".formatted(ALICE_HASH));

        assertThatThrownBy(() -> YamlIdentityProvider.load(file))
                .isInstanceOf(UsersFileException.class).hasMessageContaining("nmae");
    }

    @Test
    void whenTheFileIsMissingEmptyOrNotAListThenLoadingFails() throws IOException {
        assertThatThrownBy(() -> YamlIdentityProvider.load(dir.resolve("nope.yaml")))
                .isInstanceOf(UsersFileException.class).hasMessageContaining("does not exist");
        Path empty = file("");
        assertThatThrownBy(() -> YamlIdentityProvider.load(empty))
                .isInstanceOf(UsersFileException.class).hasMessageContaining("no users");
        Path map = file("users: 3\n");
        assertThatThrownBy(() -> YamlIdentityProvider.load(map))
                .isInstanceOf(UsersFileException.class).hasMessageContaining("not a YAML list");
    }
}
