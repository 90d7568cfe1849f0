package org.openauthz.loginconsent.identity;

import java.util.Optional;

/**
 * Where users come from. The login page asks {@link #authenticate}; the consent page asks {@link #find} for the
 * claims of the subject that the authorization server says is logged in. Implementations must be thread-safe: every
 * request thread calls them.
 *
 * <p>To use another user store (LDAP, a database, another service), implement this interface and start the app with
 * it, see {@code docs/custom-idp.md} ("Plugging another IdentityProvider into this app").
 */
public interface IdentityProvider {
    /**
     * Checks an email and password.
     *
     * @return the user, or empty when the email is unknown or the password is wrong (the caller shows one message
     *         for both, so that the page does not tell which emails exist)
     */
    Optional<User> authenticate(String email, String password);

    /**
     * Looks a user up by subject.
     *
     * @return the user, or empty when no user has this subject (any more)
     */
    Optional<User> find(String subject);

    /**
     * Credentials to print on the login page. Only the demo provider has any: a real user store must never show
     * them.
     */
    default Optional<DemoCredentials> demoCredentials() {
        return Optional.empty();
    }

    /** The demo user's email and password, shown as hints like Hydra's reference app does. */
    record DemoCredentials(String email, String password) {
    }
}
