package org.openauthz.cli.migrate;

import org.jdbi.v3.core.Jdbi;
import org.openauthz.authz.config.DatabaseUrl;
import org.openauthz.authz.config.GoDuration;
import org.openauthz.authz.config.RawSettings;
import org.openauthz.authz.config.SettingKey;
import org.openauthz.authz.config.SettingsBinder;
import org.openauthz.authz.persistence.hydrav1.HydraV1Import;
import org.openauthz.authz.persistence.hydrav1.ImportReport;
import org.openauthz.cli.CliEnvironment;
import org.openauthz.cli.CliException;
import org.openauthz.cli.HelpOption;
import org.openauthz.cli.config.DsnResolver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code hydra migrate from-hydra --source <hydra-dsn> --source-secret <secret> [--yes] [<database-url>]}: copies an Ory
 * Hydra v1.10 PostgreSQL database into ours, in one transaction, and prints what it copied and what it left and why
 * (docs/operations.md "Moving from Hydra v1.10", decision 0016).
 */
@Command(name = "from-hydra", header = "Copy the data of an Ory Hydra v1.10 database into this server's database",
        description = {"Copies OAuth 2.0 clients (their secrets keep working), JSON Web Keys (re-encrypted with this "
                + "server's SECRETS_SYSTEM), consent sessions with their login sessions, and unexpired refresh "
                + "tokens from a Hydra v1.10 PostgreSQL database into the database given as argument (or DSN with "
                + "-e, or dsn from the config file), which must be migrated with 'hydra migrate sql' first.",
                "",
                "Everything is written in one transaction: on any error nothing is copied. Data already present is "
                + "skipped, so running it again copies only what is new. The Hydra database is only read.",
                "",
                "Refresh tokens are copied only when Hydra's system secret is one of this server's SECRETS_SYSTEM "
                + "(e.g. SECRETS_SYSTEM=<new secret>,<Hydra's secret>): Hydra stores only their HMAC under it.",
                "",
                "This server's SECRETS_SYSTEM, oauth2.session.encrypt_at_rest and ttl.refresh_token are read from "
                + "the config file (-c) and the environment. Hydra's secret may be given in the environment variable "
                + "SOURCE_SECRETS_SYSTEM instead of --source-secret, which keeps it out of the process list."})
public final class MigrateFromHydraCommand implements Callable<Integer> {
    static final String SOURCE_SECRETS_VARIABLE = "SOURCE_SECRETS_SYSTEM";

    @Mixin
    private HelpOption helpOption;

    @ParentCommand
    private MigrateCommand parent;

    @Parameters(arity = "0..1", paramLabel = "<database-url>",
            description = "This server's database: postgres://user:password@host:5432/db")
    private String dsn;

    @Option(names = {"-e", "--read-from-env"}, description = "Read this server's database URL from the environment "
            + "variable DSN")
    private boolean readFromEnv;

    @Option(names = "--source", required = true, paramLabel = "<hydra-database-url>",
            description = "The Hydra v1.10 database: postgres://user:password@host:5432/hydra")
    private String source;

    @Option(names = "--source-secret", paramLabel = "<secret>",
            description = "Hydra's SECRETS_SYSTEM (repeat the option for every rotated secret, the current one first);"
                    + " default: the environment variable " + SOURCE_SECRETS_VARIABLE + " (comma-separated)")
    private List<String> sourceSecrets;

    @Option(names = {"-y", "--yes"}, description = "Copy without asking")
    private boolean yes;

    private final CliEnvironment environment;

    MigrateFromHydraCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws Exception {
        List<String> fromSecrets = sourceSecrets();
        DatabaseUrl hydra = parse("--source", source);
        DatabaseUrl ours = DsnResolver.resolve(dsn, readFromEnv, parent.configFiles.paths(), environment);
        if (hydra.memory() || ours.memory()) {
            throw new CliException("Both databases must be PostgreSQL: DSN=memory lives inside a server process.");
        }
        HydraV1Import.Target target = target(RawSettings.load(parent.configFiles.paths(), environment.variables()));
        if (!yes && !Confirmation.confirmed(environment, "Copy clients, keys, consent sessions and refresh tokens "
                + "from the Hydra v1.10 database " + hydra.jdbcUrl() + " into " + ours.jdbcUrl() + "?")) {
            environment.out().println("Migration aborted.");
            return 0;
        }
        ImportReport report;
        try {
            report = new HydraV1Import(Jdbi.create(hydra.jdbcUrl(), hydra.user(), hydra.password()), fromSecrets,
                    Jdbi.create(ours.jdbcUrl(), ours.user(), ours.password()), target, environment.clock(),
                    environment.random()).run();
        } catch (HydraV1Import.ImportFailedException e) {
            throw new CliException(e.getMessage());
        }
        report.lines().forEach(environment.out()::println);
        environment.out().println("Successfully copied the Hydra v1.10 data in one transaction.");
        return 0;
    }

    private List<String> sourceSecrets() {
        List<String> secrets = sourceSecrets;
        if (secrets == null || secrets.isEmpty()) {
            String variable = environment.variable(SOURCE_SECRETS_VARIABLE);
            secrets = variable == null ? List.of() : List.of(variable.split(","));
        }
        secrets = secrets.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (secrets.isEmpty()) {
            throw new CliException("Hydra's system secret is required to decrypt its keys: pass --source-secret or set "
                    + SOURCE_SECRETS_VARIABLE + ".");
        }
        return secrets;
    }

    private static HydraV1Import.Target target(RawSettings settings) {
        List<String> secrets = settings.list(SettingKey.SECRETS_SYSTEM);
        if (secrets.isEmpty()) {
            throw new CliException("SECRETS_SYSTEM is not set: this server's system secret encrypts the copied keys. "
                    + "Set it in the environment or the config file (-c), as for 'hydra serve'.");
        }
        if (secrets.stream().anyMatch(s -> s.length() < SettingsBinder.MIN_SECRET_LENGTH)) {
            throw new CliException("Every SECRETS_SYSTEM entry must be at least " + SettingsBinder.MIN_SECRET_LENGTH
                    + " characters long.");
        }
        String encrypt = settings.string(SettingKey.OAUTH2_SESSION_ENCRYPT_AT_REST).orElse("true")
                .toLowerCase(Locale.ROOT);
        Duration refresh;
        try {
            refresh = GoDuration.parse(settings.string(SettingKey.TTL_REFRESH_TOKEN).orElseThrow());
        } catch (IllegalArgumentException e) {
            throw new CliException(SettingKey.TTL_REFRESH_TOKEN.envName() + ": " + e.getMessage());
        }
        return new HydraV1Import.Target(secrets, !List.of("false", "0", "no", "off").contains(encrypt), refresh);
    }

    private static DatabaseUrl parse(String option, String url) {
        try {
            return DatabaseUrl.parse(url.trim());
        } catch (IllegalArgumentException e) {
            throw new CliException(option + ": " + e.getMessage());
        }
    }
}
