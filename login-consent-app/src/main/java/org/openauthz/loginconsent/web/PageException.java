package org.openauthz.loginconsent.web;

import java.util.Optional;

/**
 * Stops a request with an error page: an HTTP status, a heading, an explanation written for the person in front of
 * the browser, and optionally a "Start again" link.
 */
public final class PageException extends RuntimeException {
    private final int status;
    private final String title;
    private final String explanation;
    private final String startAgainUrl;

    public PageException(int status, String title, String explanation, String startAgainUrl) {
        super(title);
        this.status = status;
        this.title = title;
        this.explanation = explanation;
        this.startAgainUrl = startAgainUrl;
    }

    public static PageException missingChallenge(String parameter) {
        return new PageException(400, "This page needs a sign-in request",
                "This address is missing its " + parameter + " parameter. Open this page through an application's "
                        + "sign-in link, not directly or from a bookmark: the authorization server adds the "
                        + "parameter when it sends you here.", null);
    }

    public static PageException malformedChallenge(String parameter) {
        return new PageException(400, "This sign-in link is damaged",
                "The " + parameter + " in this address is not valid. The link may have been cut off when it was "
                        + "copied. Go back to the application and sign in again.", null);
    }

    public static PageException csrf() {
        return new PageException(400, "Your form could not be verified",
                "The form was sent without the security token this page set, or from another site. This happens "
                        + "when cookies are blocked or when the page was opened in another browser. Go back to the "
                        + "application and sign in again.", null);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String explanation() {
        return explanation;
    }

    public Optional<String> startAgainUrl() {
        return Optional.ofNullable(startAgainUrl);
    }
}
