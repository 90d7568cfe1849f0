package org.openauthz.authz.storage;

/** What a database or driver failure says to an operator: the first line of its innermost cause's message. */
public final class RootCause {
    private RootCause() {
    }

    /** Driver and pool messages only: never request data, which is why it is safe to log and print. */
    public static String message(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
    }
}
