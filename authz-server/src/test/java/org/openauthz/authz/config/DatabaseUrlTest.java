package org.openauthz.authz.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.Driver;

import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Hydra's {@code dsn} key (docs/configuration.md, "Database URL"): {@code memory} or a PostgreSQL URL with pool
 * parameters in the query.
 */
class DatabaseUrlTest {

    @Test
    void whenMemoryThenNoJdbcUrl() {
        DatabaseUrl url = DatabaseUrl.parse("memory");

        assertThat(url.memory()).isTrue();
        assertThat(url.jdbcUrl()).isNull();
        assertThat(url.toString()).isEqualTo("memory");
    }

    @Test
    void whenPostgresUrlThenUserPasswordHostPortAndDatabaseAreTranslated() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://hydra:secret@db.example:5433/hydra");

        assertThat(url.memory()).isFalse();
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:5433/hydra");
        assertThat(url.user()).isEqualTo("hydra");
        assertThat(url.password()).isEqualTo("secret");
        assertThat(url.maxConns()).isEqualTo(16);
    }

    @Test
    void whenPasswordIsPercentEncodedThenItIsDecoded() {
        // Userinfo is percent-encoded in a URL (RFC 3986 §3.2.1), so "p@ss:w/rd" arrives as p%40ss%3Aw%2Frd.
        DatabaseUrl url = DatabaseUrl.parse("postgres://hydra:p%40ss%3Aw%2Frd@127.0.0.1:5432/hydra");

        assertThat(url.password()).isEqualTo("p@ss:w/rd");
    }

    @Test
    void whenPasswordHasLiteralPlusThenItIsKept() {
        // '+' is literal in userinfo (RFC 3986 §3.2.1) and Go's url.Parse keeps it; form decoding (URLDecoder alone)
        // would turn it into a space and the Hydra DSN would fail to authenticate.
        DatabaseUrl url = DatabaseUrl.parse("postgres://hydra:a+b@127.0.0.1:5432/hydra");

        assertThat(url.password()).isEqualTo("a+b");
    }

    @Test
    void whenNoUserInfoThenUserAndPasswordAreNull() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://127.0.0.1/hydra");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1/hydra");
        assertThat(url.user()).isNull();
        assertThat(url.password()).isNull();
    }

    @Test
    void whenUserWithoutPasswordThenPasswordIsNull() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://hydra@127.0.0.1/hydra");

        assertThat(url.user()).isEqualTo("hydra");
        assertThat(url.password()).isNull();
    }

    @Test
    void whenQueryHasDriverAndPoolParametersThenDriverOnesStayAndPoolOnesConfigureThePool() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://u:p@h:5432/db?sslmode=disable&max_conns=5"
                + "&max_idle_conns=2&max_conn_lifetime=1h&max_conn_idle_time=5m&connect_timeout=3");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://h:5432/db?sslmode=disable&connect_timeout=3");
        assertThat(url.maxConns()).isEqualTo(5);
    }

    @Test
    void whenQueryValueHoldsReservedCharactersThenThePostgresDriverReadsTheSameValue() {
        // The DSN's query is percent-encoded (RFC 3986 §3.4); PgJDBC splits its URL on '&' and '=' and form-decodes
        // each value, so a decoded value must be encoded again on its way into the JDBC URL.
        DatabaseUrl url = DatabaseUrl.parse("postgres://u:p@h:5432/db?sslpassword=p%2B%26%25%3Dw&sslmode=require");

        Properties driver = Driver.parseURL(url.jdbcUrl(), null);

        assertThat(driver).isNotNull();
        assertThat(driver.getProperty("sslpassword")).isEqualTo("p+&%=w");
        assertThat(driver.getProperty("sslmode")).isEqualTo("require");
        assertThat(driver.getProperty("PGDBNAME")).isEqualTo("db");
    }

    @Test
    void whenOnlyPoolParametersThenJdbcUrlHasNoQuery() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://u:p@h/db?max_idle_conns=2");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://h/db");
        assertThat(url.maxConns()).isEqualTo(16);
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "postgresql", "cockroach"})
    void whenPostgresCompatibleSchemeThenAccepted(String scheme) {
        assertThat(DatabaseUrl.parse(scheme + "://u:p@h:26257/db").jdbcUrl())
                .isEqualTo("jdbc:postgresql://h:26257/db");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "mysql://u:p@tcp(h:3306)/db | is not supported",
            "mysql://u:p@h:3306/db      | scheme 'mysql' is not supported",
            "sqlite://file.db           | scheme 'sqlite' is not supported",
            "127.0.0.1:5432/hydra       | postgres://",
            "postgres://u:p@h:5432      | needs a host and a database name",
            "postgres://u:p@h:5432/     | needs a host and a database name",
            "postgres:///hydra          | needs a host and a database name",
            "postgres://h/db?max_conns=0   | max_conns must be at least 1",
            "postgres://h/db?max_conns=-3  | max_conns must be at least 1",
            "postgres://h/db?max_conns=abc | max_conns must be a whole number",
            "'postgres://h/db with space'  | not a URL",
    })
    void whenDsnIsUnusableThenMessageSaysWhy(String dsn, String expected) {
        assertThatThrownBy(() -> DatabaseUrl.parse(dsn))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(expected);
    }

    @Test
    void whenPrintedThenPasswordIsNotShown() {
        // The parsed DSN is printed in startup logs; credentials do not belong there.
        assertThat(DatabaseUrl.parse("postgres://hydra:topsecret@h/db").toString()).doesNotContain("topsecret");
    }
}
