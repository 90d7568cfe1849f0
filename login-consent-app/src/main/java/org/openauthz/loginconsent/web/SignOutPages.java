package org.openauthz.loginconsent.web;

import org.openauthz.loginconsent.admin.AdminFailure;

/**
 * The error pages of {@code /logout}, in words about logging out rather than signing in. Each has the status the same
 * failure gets on the login and consent pages ({@link ErrorPages#fromAdmin}), so that the pages differ in wording
 * only.
 */
final class SignOutPages {
    private SignOutPages() {
    }

    /**
     * @throws PageException 400 when the challenge is missing or cannot be a challenge, as {@link Challenges#require}
     */
    static String requireChallenge(String challenge, String parameter) {
        if (challenge == null || challenge.isBlank()) {
            throw new PageException(400, "This page needs a log-out request",
                    "This address is missing its " + parameter + " parameter. Open this page through an "
                            + "application's log-out link, not directly or from a bookmark: the authorization server "
                            + "adds the parameter when it sends you here.", null);
        }
        if (!Challenges.wellFormed(challenge)) {
            throw new PageException(400, "This log-out link is damaged",
                    "The " + parameter + " in this address is not valid. The link may have been cut off when it "
                            + "was copied. Go back to the application and log out again.", null);
        }
        return challenge;
    }

    static PageException csrf() {
        return new PageException(PageException.csrf().status(), "Your form could not be verified",
                "The form was sent without the security token this page set, or from another site. This happens "
                        + "when cookies are blocked or when the page was opened in another browser. You are still "
                        + "signed in: go back to the application and log out again.", null);
    }

    static PageException fromAdmin(AdminFailure failure) {
        int status = ErrorPages.fromAdmin(failure).status();
        return switch (failure.kind()) {
            case UNREACHABLE -> new PageException(status, "The authorization server cannot be reached",
                    "This page could not reach the authorization server to look up your log-out request, so you "
                            + "are still signed in. Try again in a moment. If it keeps happening, the administrator "
                            + "should check that the server is running and that this app's HYDRA_ADMIN_URL points "
                            + "at its admin API.", null);
            case UNKNOWN_CHALLENGE -> new PageException(status, "This log-out request is unknown",
                    "The authorization server does not know this request. The link may be incomplete, or the "
                            + "request may have expired. Go back to the application and log out again.", null);
            // No "Start again" link, unlike sign-in: it would lead to the end-session endpoint again, to log out a
            // session that may already be over.
            case ALREADY_HANDLED -> new PageException(status, "This log-out request was already answered",
                    "This step was already completed, perhaps in another tab or by going back in your browser. "
                            + "If you chose to log out there, you are logged out. To log out now, go back to the "
                            + "application and log out again.", null);
            case UNAVAILABLE -> new PageException(status, "Logging out is temporarily unavailable",
                    "The authorization server cannot handle log-outs right now, so you are still signed in. Wait "
                            + "a moment, then reload this page.", null);
            case REFUSED -> new PageException(status, "The authorization server refused this request",
                    "The authorization server did not accept this log-out step. Go back to the application and "
                            + "log out again.", null);
            case BAD_ANSWER -> new PageException(status, "The authorization server gave an unexpected answer",
                    "The authorization server answered in a way this page does not understand, so you may still "
                            + "be signed in. Try again in a moment; if it keeps happening, tell the administrator.",
                    null);
        };
    }
}
