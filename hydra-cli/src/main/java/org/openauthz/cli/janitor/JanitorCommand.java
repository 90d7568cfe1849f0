package org.openauthz.cli.janitor;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.jdbi.v3.core.Jdbi;
import org.openauthz.authz.config.DatabaseUrl;
import org.openauthz.authz.config.GoDuration;
import org.openauthz.authz.config.RawSettings;
import org.openauthz.authz.config.SettingKey;
import org.openauthz.authz.consent.FlowJanitor;
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

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code hydra janitor [<dsn>] --tokens --requests}: deletes expired tokens, unusable login-consent requests and old
 * logout requests in batches, each its own short transaction, while the server keeps issuing (docs/operations.md,
 * decision 0009). Standard output carries exactly Hydra v1.10's lines; counts and progress go to standard error.
 */
@Command(name = "janitor", header = "Clean the database of old tokens and login/consent requests")
public final class JanitorCommand implements Callable<Integer> {
    /**
     * Device requests and the wrong user codes typed for them are kept a day after they expire, so that the guessing
     * limits (per device challenge, per source address and hour) always see every failure that still counts
     * (decision 0017; {@code ttl.device_user_code} is at most 24h).
     */
    private static final Duration DEVICE_REQUESTS_KEPT = Duration.ofHours(24);

    @Mixin
    private HelpOption helpOption;

    @Mixin
    private ConfigFiles configFiles;

    @Parameters(arity = "0..1", paramLabel = "<database-url>")
    private String dsn;

    @Option(names = {"-e", "--read-from-env"},
            description = "Read the database URL (and the ttl.* settings) from the environment")
    private boolean readFromEnv;

    @Option(names = "--tokens", description = "Delete expired access and refresh tokens")
    private boolean tokens;

    @Option(names = "--requests",
            description = "Delete abandoned and rejected login and consent requests, old logout requests, and expired "
                    + "client assertion ids")
    private boolean requests;

    @Option(names = "--keep-if-younger", paramLabel = "DURATION", description = "Keep data younger than this (e.g. 24h)")
    private String keepIfYounger;

    @Option(names = "--access-lifespan", paramLabel = "DURATION",
            description = "Delete an expired access token only once it was requested longer ago than this")
    private String accessLifespan;

    @Option(names = "--refresh-lifespan", paramLabel = "DURATION",
            description = "Delete an expired refresh token only once it was requested longer ago than this")
    private String refreshLifespan;

    @Option(names = "--consent-request-lifespan", paramLabel = "DURATION",
            description = "Age after which an unfinished request is abandoned (default: ttl.login_consent_request, 30m)")
    private String consentRequestLifespan;

    @Option(names = "--batch-size", paramLabel = "N",
            description = "Rows per batch (default: " + TokenJanitor.BATCH_SIZE + " tokens, "
                    + FlowJanitor.DEFAULT_BATCH_SIZE + " requests)")
    private Integer batchSize;

    @Option(names = "--limit", paramLabel = "N", description = "Delete at most N rows of each kind (default: no limit)")
    private Long limit;

    @Option(names = "--grants", hidden = true)
    private boolean grants;

    private final CliEnvironment environment;

    JanitorCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        if (grants) {
            throw new CliException("--grants (Hydra v2's trust grants of the JWT bearer grant) is not supported: "
                    + "this server has no trust grants to clean.");
        }
        if (!tokens && !requests) {
            throw new CliException("Janitor requires at least one of --tokens or --requests");
        }
        if (batchSize != null && batchSize <= 0) {
            throw new CliException("--batch-size must be greater than 0");
        }
        if (limit != null && limit <= 0) {
            throw new CliException("--limit must be greater than 0");
        }
        if (batchSize != null && limit != null && batchSize > limit) {
            throw new CliException("--batch-size must not be greater than --limit");
        }
        Duration keep = keepIfYounger == null ? Duration.ZERO : parse("--keep-if-younger", keepIfYounger);
        Duration access = accessLifespan == null ? null : parse("--access-lifespan", accessLifespan);
        Duration refresh = refreshLifespan == null ? null : parse("--refresh-lifespan", refreshLifespan);
        List<Path> files = configFiles.paths();
        Duration requestLifespan = consentRequestLifespan != null
                ? parse("--consent-request-lifespan", consentRequestLifespan)
                : parse("ttl.login_consent_request", RawSettings.load(files, readFromEnv ? environment.variables()
                        : Map.of()).string(SettingKey.TTL_LOGIN_CONSENT_REQUEST).orElseThrow());
        DatabaseUrl database = DsnResolver.resolve(dsn, readFromEnv, files, environment);
        if (database.memory()) {
            throw new CliException("DSN=memory lives inside the server process: the janitor needs a PostgreSQL DSN.");
        }
        Instant notAfter = environment.clock().instant().minus(keep);
        Jdbi jdbi = Jdbi.create(database.jdbcUrl(), database.user(), database.password());
        Stores storage;
        try {
            storage = PostgresStores.uncached(jdbi, new ObjectMapper());
        } catch (StartupException e) {
            throw new CliException(e.getMessage());
        }
        long max = limit == null ? 0 : limit;
        if (tokens) {
            int size = batchSize == null ? TokenJanitor.BATCH_SIZE : batchSize;
            TokenJanitor janitor = new TokenJanitor(storage.tokens(), environment.clock());
            long deleted = janitor.deleteExpired(TokenKind.ACCESS_TOKEN, notAfter, access, size, max,
                    progress("expired access tokens"));
            done("access tokens", deleted, "expired access tokens");
            deleted = janitor.deleteExpired(TokenKind.REFRESH_TOKEN, notAfter, refresh, size, max,
                    progress("expired refresh tokens"));
            done("refresh tokens", deleted, "expired refresh tokens");
        }
        if (requests) {
            int size = batchSize == null ? FlowJanitor.DEFAULT_BATCH_SIZE : batchSize;
            long deleted = new FlowJanitor(storage.flows(), environment.clock())
                    .deleteUnusable(notAfter, requestLifespan, size, max, progress("login-consent requests"));
            deleted(deleted, "abandoned or rejected login-consent requests");
            deleted = deleteExpired(storage.jtis()::deleteExpired, notAfter, Duration.ZERO, size, max);
            deleted(deleted, "expired client assertion ids (jti)");
            deleted = deleteExpired(storage.devices()::deleteExpired, notAfter, DEVICE_REQUESTS_KEPT, size, max);
            deleted(deleted, "expired device authorization requests");
            deleted = deleteOldLogoutRequests(storage, notAfter, requestLifespan, size, max);
            deleted(deleted, "old logout requests");
            environment.out().println("Successfully completed Janitor run on login-consent requests");
        }
        return 0;
    }

    /** A store's {@code deleteExpired(before, limit)}. */
    @FunctionalInterface
    private interface ExpiredRows {
        int delete(Instant before, int limit);
    }

    /** Rows that expired before {@code notAfter} (never in the future) less {@code kept}, in batches. */
    private long deleteExpired(ExpiredRows rows, Instant notAfter, Duration kept, int size, long max) {
        Instant now = environment.clock().instant();
        Instant before = (notAfter.isAfter(now) ? now : notAfter).minus(kept);
        return inBatches(batch -> rows.delete(before, batch), size, max, total -> { });
    }

    /**
     * Logout requests requested before the flows' cutoff, whatever their state: the end-session endpoint gives a
     * logout request no lifetime of its own (neither does Hydra v1.10), but it is only ever used within the browser
     * round trip through the logout app, so one older than the login-consent lifespan is finished or abandoned
     * (decision 0009).
     */
    private long deleteOldLogoutRequests(Stores storage, Instant notAfter, Duration lifespan, int size, long max) {
        Instant cutoff = environment.clock().instant().minus(lifespan);
        Instant before = notAfter.isBefore(cutoff) ? notAfter : cutoff;
        return inBatches(batch -> storage.logoutRequests().deleteExpired(before, batch), size, max,
                progress("logout requests"));
    }

    /** Calls {@code delete} with batches of {@code size} (the last one no more than {@code max} leaves) until done. */
    private static long inBatches(java.util.function.IntUnaryOperator delete, int size, long max,
                                  java.util.function.LongConsumer progress) {
        long total = 0;
        int batch;
        int deleted;
        do {
            batch = max <= 0 ? size : (int) Math.min(size, max - total);
            if (batch == 0) {
                break;
            }
            deleted = delete.applyAsInt(batch);
            total += deleted;
            if (deleted > 0) {
                progress.accept(total);
            }
        } while (deleted == batch);
        return total;
    }

    private java.util.function.LongConsumer progress(String label) {
        return total -> {
            environment.err().println("Deleted " + total + " " + label + " so far...");
            environment.err().flush();
        };
    }

    private void done(String label, long deleted, String what) {
        deleted(deleted, what);
        environment.out().println("Successfully completed Janitor run on " + label);
    }

    private void deleted(long deleted, String what) {
        environment.err().println("Deleted " + deleted + " " + what);
        environment.err().flush();
    }

    private static Duration parse(String flag, String value) {
        try {
            return GoDuration.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CliException(flag + ": " + e.getMessage());
        }
    }
}
