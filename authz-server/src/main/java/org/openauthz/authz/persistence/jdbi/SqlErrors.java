package org.openauthz.authz.persistence.jdbi;

import org.jdbi.v3.core.statement.StatementException;
import org.openauthz.authz.storage.DuplicateKeyException;

import java.sql.SQLException;

/** Maps PostgreSQL errors onto the stores' error contract. */
final class SqlErrors {
    private static final String UNIQUE_VIOLATION = "23505";

    private SqlErrors() {
    }

    static RuntimeException translate(StatementException e, String what) {
        Throwable cause = e.getCause();
        while (cause != null) {
            if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return new DuplicateKeyException(what + " exists");
            }
            cause = cause.getCause();
        }
        return e;
    }
}
