package org.openauthz.loginconsent.identity;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A person who can log in.
 *
 * @param subject       the stable identifier the authorization server puts into {@code sub}; never reassign it, since
 *                      remembered logins, consents and issued tokens refer to it
 * @param email         what the person types into the login form
 * @param name          shown on the consent page and released as the {@code name} claim
 * @param idTokenClaims claims this user may release into ID tokens (e.g. {@code email}, {@code email_verified},
 *                      {@code name}); which ones are released depends on the granted scopes ({@link ReleasedClaims})
 */
public record User(String subject, String email, String name, Map<String, Object> idTokenClaims) {
    public User {
        Objects.requireNonNull(subject, "subject");
        if (subject.isBlank()) {
            throw new IllegalArgumentException("a user's subject must not be blank");
        }
        email = email == null ? "" : email;
        name = name == null ? "" : name;
        // LinkedHashMap rather than Map.copyOf: keeps the claim order stable and tolerates JSON null values.
        idTokenClaims = Collections.unmodifiableMap(new LinkedHashMap<>(
                idTokenClaims == null ? Map.of() : idTokenClaims));
    }

    /** The name if there is one, else the email, else the subject: what a page calls this person. */
    public String displayName() {
        if (!name.isBlank()) {
            return name;
        }
        return email.isBlank() ? subject : email;
    }
}
