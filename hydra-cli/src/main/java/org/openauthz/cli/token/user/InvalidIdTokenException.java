package org.openauthz.cli.token.user;

/** The ID token failed a check; the message is the reason, readable on its own line. */
public final class InvalidIdTokenException extends Exception {

    private static final long serialVersionUID = 1L;

    static final String PREFIX = "The ID token could not be validated: ";

    InvalidIdTokenException(String reason) {
        super(reason);
    }

    InvalidIdTokenException(String reason, Throwable cause) {
        super(reason, cause);
    }

    /** "The ID token could not be validated: &lt;reason&gt;". */
    public String describe() {
        return PREFIX + getMessage();
    }
}
