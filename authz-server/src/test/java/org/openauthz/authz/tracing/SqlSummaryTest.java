package org.openauthz.authz.tracing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Span names of statements: operation and first table, never anything else of the SQL. */
class SqlSummaryTest {
    @Test
    void whenAStatementNamesATableThenTheSpanIsNamedByItsOperationAndThatTable() {
        assertThat(SqlSummary.of("INSERT INTO hydra_oauth2_access (signature) VALUES (?)").spanName())
                .isEqualTo("INSERT hydra_oauth2_access");
        assertThat(SqlSummary.of("  select id, data FROM Hydra_Client WHERE id = ?").spanName())
                .isEqualTo("SELECT hydra_client");
        assertThat(SqlSummary.of("UPDATE hydra_oauth2_code SET active = false WHERE signature = ?").spanName())
                .isEqualTo("UPDATE hydra_oauth2_code");
        assertThat(SqlSummary.of("DELETE FROM public.hydra_jwk WHERE sid = ?").spanName())
                .isEqualTo("DELETE public.hydra_jwk");
    }

    @Test
    void whenAStatementNamesNoTableThenOnlyItsOperationIsKept() {
        assertThat(SqlSummary.of("SELECT pg_notify(?, ?)").spanName()).isEqualTo("SELECT");
        assertThat(SqlSummary.of("SELECT 'a literal value'").spanName()).isEqualTo("SELECT");
        assertThat(SqlSummary.of("").spanName()).isEqualTo("SQL");
    }
}
