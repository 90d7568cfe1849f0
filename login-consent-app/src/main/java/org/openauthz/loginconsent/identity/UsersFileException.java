package org.openauthz.loginconsent.identity;

/** The users file cannot be used; the message says which entry and why, and never contains a password or hash. */
public final class UsersFileException extends RuntimeException {
    public UsersFileException(String message) {
        super(message);
    }

    public UsersFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
