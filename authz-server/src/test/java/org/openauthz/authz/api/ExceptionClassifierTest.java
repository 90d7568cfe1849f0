package org.openauthz.authz.api;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openauthz.authz.api.errors.ExceptionClassifier;
import org.openauthz.authz.oauth2.OAuth2Error;
import org.openauthz.authz.storage.StorageUnavailableException;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which failures are the database's (503, retryable) and which are the request's or a bug. */
class ExceptionClassifierTest {
    private final ExceptionClassifier classifier = new ExceptionClassifier();

    @ParameterizedTest(name = "SQLSTATE {0} -> {1} {2}")
    @CsvSource({
            "08001, temporarily_unavailable, 503",   // cannot connect
            "08006, temporarily_unavailable, 503",   // connection failure
            "57P01, temporarily_unavailable, 503",   // admin shutdown
            "57P03, temporarily_unavailable, 503",   // starting up
            "57014, temporarily_unavailable, 503",   // statement timeout
            "53300, temporarily_unavailable, 503",   // too many connections
            "25006, temporarily_unavailable, 503",   // read-only standby after failover
            "40001, temporarily_unavailable, 503",   // serialization failure
            "23503, invalid_client, 401",            // the client was deleted meanwhile
            "22021, invalid_request, 400",           // a value PostgreSQL cannot store
            "42P01, server_error, 500",              // a bug: missing table
    })
    void whenAStatementFailsWithASqlStateThenTheAnswerFollowsItsClass(String state, String error, int status) {
        RuntimeException wrapped = new RuntimeException("statement failed", new SQLException("failed", state));

        OAuth2Error answer = classifier.classify(wrapped);

        assertThat(answer.error()).isEqualTo(error);
        assertThat(answer.status()).isEqualTo(status);
    }

    @org.junit.jupiter.api.Test
    void whenThePoolTimesOutOrTheWriterQueueIsFullThenItIsUnavailable() {
        assertThat(classifier.classify(new RuntimeException(new SQLTransientConnectionException("pool timeout"))).status())
                .isEqualTo(503);
        assertThat(classifier.classify(new StorageUnavailableException("queue full")).status()).isEqualTo(503);
        assertThat(classifier.unavailable(new IllegalStateException("a bug"))).isFalse();
    }

    @org.junit.jupiter.api.Test
    void whenTheDatabaseIsUnavailableThenTheAnswerCarriesNoInternals() {
        OAuth2Error answer = classifier.classify(new RuntimeException(new SQLException(
                "Connection to db.internal:5432 refused", "08001")));

        assertThat(answer.debug()).isNull();
        assertThat(answer.fullDescription()).doesNotContain("db.internal");
    }
}
