package org.openauthz.cli.janitor;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.jdbi.v3.core.Jdbi;
import org.openauthz.authz.config.DatabaseUrl;
import org.openauthz.authz.config.GoDuration;
import org.openauthz.authz.oauth2.token.TokenJanitor;
import org.openauthz.authz.oauth2.token.TokenKind;
import org.openauthz.authz.server.StartupException;
import org.openauthz.authz.persistence.Stores;
import org.openauthz.authz.persistence.jdbi.PostgresStores;
import org.openauthz.cli.CliEnvironment;
import org.openauthz.cli.CliException;
import org.openauthz.cli.HelpOption;
import org.openauthz.cli.config.ConfigFiles;
import org.openauthz.cli.config.DsnResolver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;

/**
 * {@code hydra janitor [<dsn>] --tokens --requests}: deletes expired tokens in batches while the server keeps
 * issuing (docs/cli.md, docs/operations.md). Tokens carry their own expiry, so a token is deleted once it has expired
 * and is older than {@code --keep-if-younger}; the lifespan flags are accepted for compatibility with Hydra's scripts.
 */
@Command(name = "janitor", header = "Clean the database of old tokens and login/consent requests")
public final class JanitorCommand implements Callable<Integer> {
    @Mixin
    private HelpOption helpOption;

    @Mixin
    private ConfigFiles configFiles;

    @Parameters(arity = "0..1", paramLabel = "<database-url>")
    private String dsn;

    @Option(names = {"-e", "--read-from-env"}, description = "Read the database URL from the environment variable DSN")
    private boolean readFromEnv;

    @Option(names = "--tokens", description = "Delete expired access and refresh tokens")
    private boolean tokens;

    @Option(names = "--requests", description = "Delete abandoned and rejected login and consent requests")
    private boolean requests;

    @Option(names = "--keep-if-younger", paramLabel = "DURATION", description = "Keep data younger than this (e.g. 24h)")
    private String keepIfYounger;

    @Option(names = "--access-lifespan", paramLabel = "DURATION", description = "Accepted for compatibility")
    private String accessLifespan;

    @Option(names = "--refresh-lifespan", paramLabel = "DURATION", description = "Accepted for compatibility")
    private String refreshLifespan;

    @Option(names = "--consent-request-lifespan", paramLabel = "DURATION", description = "Accepted for compatibility")
    private String consentRequestLifespan;

    private final CliEnvironment environment;

    JanitorCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        if (!tokens && !requests) {
            throw new CliException("Janitor requires at least one of --tokens or --requests");
        }
        DatabaseUrl database = DsnResolver.resolve(dsn, readFromEnv, configFiles.paths(), environment);
        if (database.memory()) {
            throw new CliException("DSN=memory lives inside the server process: the janitor needs a PostgreSQL DSN.");
        }
        Duration keep = keepIfYounger == null ? Duration.ZERO : parse("--keep-if-younger", keepIfYounger);
        Instant notAfter = environment.clock().instant().minus(keep);
        Jdbi jdbi = Jdbi.create(database.jdbcUrl(), database.user(), database.password());
        Stores storage;
        try {
            storage = PostgresStores.uncached(jdbi, new ObjectMapper());
        } catch (StartupException e) {
            throw new CliException(e.getMessage());
        }
        TokenJanitor janitor = new TokenJanitor(storage.tokens(), environment.clock());
        if (tokens) {
            clean(janitor, TokenKind.ACCESS_TOKEN, notAfter, "access tokens");
            clean(janitor, TokenKind.REFRESH_TOKEN, notAfter, "refresh tokens");
        }
        if (requests) {
            // Login and consent requests are not persisted by this build yet, so there is nothing to delete.
            environment.out().println("Successfully completed Janitor run on login-consent requests");
        }
        return 0;
    }

    private void clean(TokenJanitor janitor, TokenKind kind, Instant notAfter, String label) {
        long deleted = janitor.deleteExpired(kind, notAfter, total -> {
            environment.err().println("Deleted " + total + " expired " + label + " so far...");
            environment.err().flush();
        });
        environment.out().println("Successfully completed Janitor run on " + label + " (" + deleted + " deleted)");
    }

    private static Duration parse(String flag, String value) {
        try {
            return GoDuration.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CliException(flag + ": " + e.getMessage());
        }
    }
}
