package org.openauthz.authz.persistence.jdbi;

import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.changelog.ChangeSet;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Applies the Liquibase changelog; run by {@code hydra migrate sql}, never implicitly by {@code serve}: as with Hydra
 * v1.10, changing the schema is the operator's decision, taken once for all replicas. Liquibase's network analytics
 * and banner are switched off: the server never phones home.
 */
public final class Migrator {
    public static final String CHANGELOG = "db/changelog/db.changelog-master.yaml";

    private final String jdbcUrl;
    private final String user;
    private final String password;

    public Migrator(String jdbcUrl, String user, String password) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
    }

    /** One changeSet that is not applied yet. */
    public record PendingChange(String id, String author, String file, String comment) {
    }

    public List<PendingChange> pending() throws Exception {
        return withLiquibase(liquibase -> liquibase.listUnrunChangeSets(new Contexts(), new LabelExpression()).stream()
                .map(Migrator::describe).toList());
    }

    public void migrate() throws Exception {
        withLiquibase(liquibase -> {
            liquibase.update(new Contexts(), new LabelExpression());
            return null;
        });
    }

    private static PendingChange describe(ChangeSet change) {
        return new PendingChange(change.getId(), change.getAuthor(), change.getFilePath(),
                change.getComments() == null ? "" : change.getComments().trim());
    }

    private interface LiquibaseWork<T> {
        T run(Liquibase liquibase) throws Exception;
    }

    private <T> T withLiquibase(LiquibaseWork<T> work) throws Exception {
        // Liquibase reports through java.util.logging at INFO; the CLI prints its own summary instead.
        java.util.logging.Logger.getLogger("liquibase").setLevel(java.util.logging.Level.WARNING);
        Map<String, Object> quiet = Map.of("liquibase.analytics.enabled", false, "liquibase.showBanner", false,
                "liquibase.command.showSummaryOutput", "LOG", "liquibase.command.showSummary", "OFF",
                Scope.Attr.ui.name(), new liquibase.ui.LoggerUIService());
        try (Connection connection = connect()) {
            return Scope.child(quiet, () -> {
                Database database = DatabaseFactory.getInstance()
                        .findCorrectDatabaseImplementation(new JdbcConnection(connection));
                Liquibase liquibase = new Liquibase(CHANGELOG, new ClassLoaderResourceAccessor(
                        Migrator.class.getClassLoader()), database);
                return work.run(liquibase);
            });
        }
    }

    private Connection connect() throws SQLException {
        Properties props = new Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        return DriverManager.getConnection(jdbcUrl, props);
    }
}
