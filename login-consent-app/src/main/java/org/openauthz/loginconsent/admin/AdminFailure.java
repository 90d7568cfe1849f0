package org.openauthz.loginconsent.admin;

import java.util.Optional;

/**
 * A call to the admin API did not give what the page needs. {@link Kind} is what the pages tell the person; the
 * admin API's own answer is only logged, because it may contain details a browser must not see.
 */
public final class AdminFailure extends RuntimeException {
    /** What went wrong, as far as the person in front of the browser is concerned. */
    public enum Kind {
        /** No HTTP answer at all: connection refused, timeout, DNS. */
        UNREACHABLE,
        /** 404: the challenge is not (or no longer) known to the authorization server. */
        UNKNOWN_CHALLENGE,
        /** 410 (or 409 on accept/reject): someone already answered this request. */
        ALREADY_HANDLED,
        /** 503: the authorization server is up but cannot serve right now (its database is down, or overload). */
        UNAVAILABLE,
        /** 400: the authorization server refused what we sent, e.g. a malformed challenge. */
        REFUSED,
        /** Any other status, or an answer that is not what the API promises. */
        BAD_ANSWER
    }

    private final Kind kind;
    private final int status;
    private final String redirectTo;

    public AdminFailure(Kind kind, int status, String redirectTo, String detail, Throwable cause) {
        super(detail, cause);
        this.kind = kind;
        this.status = status;
        this.redirectTo = redirectTo;
    }

    public Kind kind() {
        return kind;
    }

    /** The admin API's HTTP status, 0 when there was no answer. */
    public int status() {
        return status;
    }

    /** For {@link Kind#ALREADY_HANDLED}: where the original authorization request can be started again. */
    public Optional<String> redirectTo() {
        return Optional.ofNullable(redirectTo);
    }
}
