package org.openauthz.loginconsent;

/**
 * The login and consent app (port 9020), a client of the admin API through {@code admin-client} only. This is the
 * skeleton from the Foundation issue; the pages come with the login/consent issue.
 */
public final class LoginConsentApplication {
    private LoginConsentApplication() {
    }

    public static void main(String[] args) {
        System.err.println("login-consent-app: the login and consent pages are not implemented yet");
        System.exit(1);
    }
}
