package org.openauthz.cli.token;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import org.openauthz.admin.client.model.FlushInactiveOAuth2TokensRequest;
import org.openauthz.cli.CliEnvironment;
import org.openauthz.cli.CliException;
import org.openauthz.cli.GoDuration;
import org.openauthz.cli.HelpOption;
import org.openauthz.cli.http.AdminConnectionOptions;
import org.openauthz.cli.http.AdminSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code hydra token flush}: deletes expired tokens that expired longer than {@code --min-age} ago. */
@Command(name = "flush", header = "Removes inactive access tokens from the database",
        description = {"Removes access and refresh tokens that expired before now minus --min-age.",
                "",
                "Example:",
                "  hydra token flush --min-age 24h"})
final class FlushTokensCommand implements Callable<Integer> {

    @Mixin
    private HelpOption helpOption;

    @Mixin
    private AdminConnectionOptions connection;

    @Option(names = "--min-age", paramLabel = "duration",
            description = "Skip removing tokens which do not satisfy the minimum age (1s, 1m, 1h)")
    private String minAge;

    private final CliEnvironment environment;

    FlushTokensCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        Duration age;
        try {
            age = minAge == null || minAge.isBlank() ? Duration.ZERO : GoDuration.parse(minAge);
        } catch (IllegalArgumentException e) {
            throw new CliException("Invalid value for --min-age: " + e.getMessage());
        }
        Instant notAfter = environment.clock().instant().minus(age).truncatedTo(ChronoUnit.SECONDS);
        FlushInactiveOAuth2TokensRequest request = new FlushInactiveOAuth2TokensRequest()
                .notAfter(OffsetDateTime.ofInstant(notAfter, ZoneOffset.UTC));
        try (AdminSession session = connection.open(environment)) {
            session.run("Could not flush inactive tokens", api -> api.flushInactiveOAuth2Tokens(request));
        }
        environment.out().println("Successfully flushed inactive access tokens");
        return 0;
    }
}
