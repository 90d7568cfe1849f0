package org.openauthz.authz.storage;

/** A store refused an insert because a row with the same key exists; nothing was written. */
public final class DuplicateKeyException extends RuntimeException {
    public DuplicateKeyException(String message) {
        super(message);
    }
}
