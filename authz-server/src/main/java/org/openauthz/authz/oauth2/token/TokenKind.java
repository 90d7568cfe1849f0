package org.openauthz.authz.oauth2.token;

/**
 * The kinds of stored token rows. Each has a table of its own in Hydra's schema; which one is the persistence
 * layer's business ({@code persistence.jdbi.TokenTables}), as Hydra keeps its table names in its SQL persister.
 */
public enum TokenKind {
    ACCESS_TOKEN("access_token"),
    REFRESH_TOKEN("refresh_token"),
    AUTHORIZE_CODE("authorize_code");

    private final String use;

    TokenKind(String use) {
        this.use = use;
    }

    /** The {@code token_use} value of introspection, one of Hydra v1.10's extra fields. */
    public String use() {
        return use;
    }
}
