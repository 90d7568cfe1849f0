package org.openauthz.loginconsent.views;

import org.openauthz.admin.client.model.LoginRequest;
import org.openauthz.loginconsent.identity.IdentityProvider.DemoCredentials;

import java.util.Optional;

/** The login form (Hydra's reference app's {@code login.pug}), first shown or shown again after wrong credentials. */
public final class LoginView extends Page {
    public static final String WRONG_CREDENTIALS = "The username / password combination is not correct";

    private final String challenge;
    private final String csrf;
    private final String email;
    private final String error;
    private final DemoCredentials demo;

    private LoginView(String challenge, String csrf, String email, String error, Optional<DemoCredentials> demo) {
        super("login.mustache", "Please log in");
        this.challenge = challenge;
        this.csrf = csrf;
        this.email = email == null ? "" : email;
        this.error = error;
        this.demo = demo.orElse(null);
    }

    /** First display: the email is prefilled from the client's {@code login_hint}, if it sent one. */
    public static LoginView first(String challenge, LoginRequest request, String csrf,
                                  Optional<DemoCredentials> demo) {
        String hint = request.getOidcContext() == null ? null : request.getOidcContext().getLoginHint();
        return new LoginView(challenge, csrf, hint, null, demo);
    }

    /** After wrong credentials: keeps the email (never the password) and says what went wrong. */
    public static LoginView retry(String challenge, String csrf, String email, Optional<DemoCredentials> demo) {
        return new LoginView(challenge, csrf, email, WRONG_CREDENTIALS, demo);
    }

    public String getChallenge() {
        return challenge;
    }

    public String getCsrf() {
        return csrf;
    }

    public String getEmail() {
        return email;
    }

    public boolean isHasError() {
        return error != null;
    }

    public String getError() {
        return error;
    }

    /** The ids of the texts that describe the email field (error, demo hint), for screen readers. */
    public String getEmailDescribedBy() {
        return String.join(" ", java.util.stream.Stream.of(error == null ? null : "login-error",
                demo == null ? null : "email-hint").filter(java.util.Objects::nonNull).toList());
    }

    public boolean isHasEmailDescription() {
        return error != null || demo != null;
    }

    public boolean isHasDemo() {
        return demo != null;
    }

    public String getDemoEmail() {
        return demo == null ? "" : demo.email();
    }

    public String getDemoPassword() {
        return demo == null ? "" : demo.password();
    }
}
