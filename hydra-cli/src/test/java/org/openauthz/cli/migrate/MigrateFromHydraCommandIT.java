package org.openauthz.cli.migrate;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openauthz.cli.CliRun;
import org.springframework.security.crypto.bcrypt.BCrypt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code hydra migrate from-hydra} as an operator runs it: flags, where the DSN and the secrets come from, the report
 * and the messages. What is copied, and that the server works on it, is proven by authz-server's
 * {@code HydraV1MigrationIT}; this source database holds one client and nothing sealed.
 */
class MigrateFromHydraCommandIT {
    /** Hydra v1.10's tables, shared with authz-server's migration test (Maven runs tests in the module directory). */
    private static final Path HYDRA_SCHEMA = Path.of("../authz-server/src/test/resources/hydra-v1.10/schema.sql");
    private static final String OUR_SECRET = "our-system-secret-0123456789";
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void start() throws IOException {
        postgres = EmbeddedPostgres.start();
    }

    @AfterAll
    static void stop() throws IOException {
        postgres.close();
    }

    @Test
    void whenRunThenTheReportCountsTheClientAndASecondRunSkipsItAsPresent() throws IOException {
        String hydra = hydraWithOneClient();
        String ours = migratedDatabase();
        CliRun cli = new CliRun().env("SECRETS_SYSTEM", OUR_SECRET);

        CliRun.Result first = cli.run("migrate", "from-hydra", "--source", hydra, "--source-secret",
                "hydra-system-secret-0000", "--yes", ours);
        CliRun.Result second = cli.run("migrate", "from-hydra", "--source", hydra, "--source-secret",
                "hydra-system-secret-0000", "--yes", ours);

        assertEquals(0, first.exitCode(), first::toString);
        assertTrue(first.out().matches("(?s).*OAuth 2\\.0 clients +1 +0\n.*"), first::toString);
        assertTrue(first.out().contains("Successfully copied the Hydra v1.10 data in one transaction."), first::toString);
        assertEquals(0, second.exitCode(), second::toString);
        assertTrue(second.out().matches("(?s).*OAuth 2\\.0 clients +0 +1\n    1 skipped: already in this database\n.*"),
                second::toString);
    }

    @Test
    void whenTheDsnAndTheSourceSecretComeFromTheEnvironmentThenTheyAreUsed() throws IOException {
        CliRun.Result result = new CliRun().env("SECRETS_SYSTEM", OUR_SECRET).env("DSN", migratedDatabase())
                .env("SOURCE_SECRETS_SYSTEM", "hydra-system-secret-0000")
                .run("migrate", "from-hydra", "-e", "--source", hydraWithOneClient(), "--yes");

        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.out().matches("(?s).*OAuth 2\\.0 clients +1 +0\n.*"), result::toString);
    }

    @Test
    void whenSecretsAreMissingThenItSaysWhichAndCopiesNothing() throws IOException {
        String hydra = hydraWithOneClient();
        String ours = migratedDatabase();

        CliRun.Result noSource = new CliRun().env("SECRETS_SYSTEM", OUR_SECRET)
                .run("migrate", "from-hydra", "--source", hydra, "--yes", ours);
        CliRun.Result noOurs = new CliRun().run("migrate", "from-hydra", "--source", hydra, "--source-secret",
                "hydra-system-secret-0000", "--yes", ours);

        assertEquals(1, noSource.exitCode(), noSource::toString);
        assertTrue(noSource.err().contains("pass --source-secret or set SOURCE_SECRETS_SYSTEM"), noSource::toString);
        assertEquals(1, noOurs.exitCode(), noOurs::toString);
        assertTrue(noOurs.err().contains("SECRETS_SYSTEM is not set"), noOurs::toString);
        assertEquals(0L, (long) Jdbi.create(jdbc(ours), "postgres", "postgres").withHandle(h -> h
                .createQuery("SELECT count(*) FROM hydra_client").mapTo(Long.class).one()));
    }

    @Test
    void whenOurDatabaseIsNotMigratedThenItSaysToRunMigrateSql() throws IOException {
        CliRun.Result result = new CliRun().env("SECRETS_SYSTEM", OUR_SECRET).run("migrate", "from-hydra",
                "--source", hydraWithOneClient(), "--source-secret", "hydra-system-secret-0000", "--yes",
                newDatabase());

        assertEquals(1, result.exitCode(), result::toString);
        assertTrue(result.err().contains("hydra migrate sql"), result::toString);
    }

    private String hydraWithOneClient() throws IOException {
        String dsn = newDatabase();
        String schema = Files.readString(HYDRA_SCHEMA, StandardCharsets.UTF_8);
        Jdbi.create(jdbc(dsn), "postgres", "postgres").useHandle(h -> {
            h.createScript(schema).execute();
            h.execute("INSERT INTO hydra_client (id, client_secret, grant_types, scope, token_endpoint_auth_method) "
                    + "VALUES ('legacy', ?, 'client_credentials', 'profile', 'client_secret_basic')",
                    BCrypt.hashpw("a-secret", BCrypt.gensalt(4)));
        });
        return dsn;
    }

    private String migratedDatabase() {
        String dsn = newDatabase();
        CliRun.Result migrated = new CliRun().run("migrate", "sql", "--yes", dsn);
        assertEquals(0, migrated.exitCode(), migrated::toString);
        return dsn;
    }

    private static String newDatabase() {
        String name = "db_" + DATABASES.incrementAndGet();
        Jdbi.create(postgres.getPostgresDatabase()).useHandle(h -> h.execute("CREATE DATABASE " + name));
        return "postgres://postgres:postgres@127.0.0.1:" + postgres.getPort() + "/" + name + "?sslmode=disable";
    }

    private static String jdbc(String dsn) {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + dsn.substring(dsn.lastIndexOf('/'),
                dsn.indexOf('?'));
    }
}
