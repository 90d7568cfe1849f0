package org.openauthz.loginconsent.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The one demo user of Hydra's 5-minute guide and reference app (ory/hydra-login-consent-node): {@code foo@bar.com} /
 * {@code foobar}. Used when {@code USERS_FILE} is not set, so that the guide works without any setup. Not for
 * production: the password is printed on the login page.
 */
public final class DemoIdentityProvider implements IdentityProvider {
    public static final String EMAIL = "foo@bar.com";
    public static final String PASSWORD = "foobar";

    /**
     * Hydra's reference app accepts logins with {@code subject: "foo@bar.com"}; the guide's tokens show that subject.
     */
    private static final User USER = new User(EMAIL, EMAIL, "Foo Bar",
            Map.of("email", EMAIL, "email_verified", true, "name", "Foo Bar"));

    @Override
    public Optional<User> authenticate(String email, String password) {
        if (email == null || password == null) {
            return Optional.empty();
        }
        boolean emailMatches = EMAIL.equals(email.strip().toLowerCase(Locale.ROOT));
        // Constant-time even for the demo, so that this class is a safe pattern to copy.
        boolean passwordMatches = MessageDigest.isEqual(PASSWORD.getBytes(StandardCharsets.UTF_8),
                password.getBytes(StandardCharsets.UTF_8));
        return emailMatches && passwordMatches ? Optional.of(USER) : Optional.empty();
    }

    @Override
    public Optional<User> find(String subject) {
        return USER.subject().equals(subject) ? Optional.of(USER) : Optional.empty();
    }

    @Override
    public Optional<DemoCredentials> demoCredentials() {
        return Optional.of(new DemoCredentials(EMAIL, PASSWORD));
    }
}
