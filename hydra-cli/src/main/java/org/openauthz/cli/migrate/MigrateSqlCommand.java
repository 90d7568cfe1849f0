package org.openauthz.cli.migrate;

import org.openauthz.authz.config.DatabaseUrl;
import org.openauthz.authz.persistence.jdbi.Migrator;
import org.openauthz.authz.storage.RootCause;
import org.openauthz.cli.CliEnvironment;
import org.openauthz.cli.CliException;
import org.openauthz.cli.HelpOption;
import org.openauthz.cli.config.DsnResolver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code hydra migrate sql [<dsn>] [-e] [--yes]}: shows the pending schema changes and applies them after
 * confirmation. For safety nothing runs without an explicit instruction, as in Hydra.
 */
@Command(name = "sql", header = "Create SQL schemas and apply migration plans",
        description = "Applies the SQL migrations to the database given as argument, or read from the environment "
                + "variable DSN with -e, or from the config file (-c).")
public final class MigrateSqlCommand implements Callable<Integer> {
    @Mixin
    private HelpOption helpOption;

    @ParentCommand
    private MigrateCommand parent;

    @Parameters(arity = "0..1", paramLabel = "<database-url>", description = "postgres://user:password@host:5432/db")
    private String dsn;

    @Option(names = {"-e", "--read-from-env"}, description = "Read the database URL from the environment variable DSN")
    private boolean readFromEnv;

    @Option(names = {"-y", "--yes"}, description = "Apply the migration plan without asking")
    private boolean yes;

    private final CliEnvironment environment;

    MigrateSqlCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws Exception {
        DatabaseUrl database = DsnResolver.resolve(dsn, readFromEnv, parent.configFiles.paths(), environment);
        if (database.memory()) {
            environment.out().println("DSN=memory is created fresh by every server start: there is nothing to migrate.");
            return 0;
        }
        Migrator migrator = new Migrator(database.jdbcUrl(), database.user(), database.password());
        List<Migrator.PendingChange> pending;
        try {
            pending = migrator.pending();
        } catch (Exception e) {
            throw new CliException("Could not connect to the database: " + RootCause.message(e));
        }
        if (pending.isEmpty()) {
            environment.out().println("The database is up to date: all migrations are applied.");
            return 0;
        }
        printPlan(pending);
        if (!yes && !Confirmation.confirmed(environment, "Do you wish to execute this migration plan?")) {
            environment.out().println("Migration aborted.");
            return 0;
        }
        environment.out().println("Applying migrations...");
        environment.out().flush();
        try {
            migrator.migrate();
        } catch (Exception e) {
            throw new CliException("Could not apply migrations: " + RootCause.message(e));
        }
        environment.out().println("Successfully applied migrations!");
        return 0;
    }

    private void printPlan(List<Migrator.PendingChange> pending) {
        environment.out().println("The following migration is planned:");
        environment.out().println();
        environment.out().printf("%-28s %-10s %s%n", "VERSION", "STATUS", "FILE");
        for (Migrator.PendingChange change : pending) {
            environment.out().printf("%-28s %-10s %s%n", change.id(), "Pending", change.file());
        }
        environment.out().println();
    }
}
