package org.openauthz.loginconsent.views;

import org.openauthz.admin.client.model.LogoutRequest;
import org.openauthz.admin.client.model.OAuth2Client;
import org.openauthz.loginconsent.identity.User;

import java.util.Optional;

/** The logout question (Hydra's reference app's {@code logout.pug}): who is logged out, and at whose request. */
public final class LogoutView extends Page {
    private final String challenge;
    private final String csrf;
    private final String who;
    private final String clientName;

    private LogoutView(String challenge, String csrf, String who, String clientName) {
        super("logout.mustache", "Do you wish to log out?");
        this.challenge = challenge;
        this.csrf = csrf;
        this.who = who;
        this.clientName = clientName;
    }

    /**
     * @param user the user with the request's subject, when the identity provider knows it: the page then shows the
     *             name and email the person recognises rather than an opaque subject
     */
    public static LogoutView of(String challenge, LogoutRequest request, String csrf, Optional<User> user) {
        String subject = request.getSubject() == null ? "" : request.getSubject();
        return new LogoutView(challenge, csrf, user.map(LogoutView::describe).orElse(subject),
                clientNameOrNull(request.getClient()));
    }

    /** "Name (email)", or whichever of the two the user has, else the subject. */
    static String describe(User user) {
        if (!user.name().isBlank() && !user.email().isBlank() && !user.name().equals(user.email())) {
            return user.name() + " (" + user.email() + ")";
        }
        return user.displayName();
    }

    /**
     * The client that asked for the logout: Hydra v1.10 includes it when the client sent an {@code id_token_hint}
     * (RP-initiated); there is none when the logout started at the server itself.
     */
    static String clientNameOrNull(OAuth2Client client) {
        if (client == null || (blank(client.getClientId()) && blank(client.getClientName()))) {
            return null;
        }
        return ConsentView.clientName(client);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    public String getChallenge() {
        return challenge;
    }

    public String getCsrf() {
        return csrf;
    }

    public boolean isHasWho() {
        return !who.isBlank();
    }

    public String getWho() {
        return who;
    }

    public boolean isHasClient() {
        return clientName != null;
    }

    public String getClientName() {
        return clientName;
    }
}
