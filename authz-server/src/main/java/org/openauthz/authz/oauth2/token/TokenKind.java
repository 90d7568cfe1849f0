package org.openauthz.authz.oauth2.token;

/** The kinds of stored token rows, each in its own table as in Hydra (reference §8). */
public enum TokenKind {
    ACCESS_TOKEN("hydra_oauth2_access", "access_token"),
    REFRESH_TOKEN("hydra_oauth2_refresh", "refresh_token"),
    AUTHORIZE_CODE("hydra_oauth2_code", "authorize_code");

    private final String table;
    private final String use;

    TokenKind(String table, String use) {
        this.table = table;
        this.use = use;
    }

    public String table() {
        return table;
    }

    /** The {@code token_use} value of introspection (reference §3.12). */
    public String use() {
        return use;
    }
}
