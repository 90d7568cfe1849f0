package org.openauthz.authz.persistence.jdbi;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementException;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Tells whether the database has every changeSet this build expects, without starting Liquibase (which costs about
 * a second): {@code serve} refuses to run on an unmigrated schema and names the command that fixes it.
 */
public final class SchemaCheck {
    /** Ids of every changeSet in the changelog; {@code SchemaCheckTest} keeps this in step with the files. */
    public static final List<String> EXPECTED = List.of("0001-clients", "0001-jwk", "0001-tokens", "0002-flows",
            "0002-login-sessions", "0002-token-challenge-index", "0003-jti-blacklist",
            "0004-remembered-consent-index", "0004-consent-sessions-index", "0004-flow-fillfactor",
            "0004-flow-data-text", "0005-logout-requests",
            "0006-pushed-authorization-requests", "0007-client-registration-token",
            "0007-initial-access-tokens", "0007-device-grant", "0008-dpop-jkt", "0009-key-use-from",
            "0010-client-previous-secret");

    private SchemaCheck() {
    }

    /** Empty when up to date; otherwise the ids of the missing changeSets. */
    public static List<String> missing(Jdbi jdbi) {
        Set<String> applied = new HashSet<>();
        try {
            applied.addAll(jdbi.withHandle(h -> h.createQuery("SELECT id FROM databasechangelog")
                    .mapTo(String.class).list()));
        } catch (StatementException e) {
            return EXPECTED;
        }
        return EXPECTED.stream().filter(id -> !applied.contains(id)).toList();
    }
}
