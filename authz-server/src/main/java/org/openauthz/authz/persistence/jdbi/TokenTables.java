package org.openauthz.authz.persistence.jdbi;

import org.openauthz.authz.oauth2.token.TokenKind;

/** The table of each {@link TokenKind}: Hydra v1.10's schema, one table per kind. */
final class TokenTables {
    private TokenTables() {
    }

    static String of(TokenKind kind) {
        return switch (kind) {
            case ACCESS_TOKEN -> "hydra_oauth2_access";
            case REFRESH_TOKEN -> "hydra_oauth2_refresh";
            case AUTHORIZE_CODE -> "hydra_oauth2_code";
        };
    }
}
