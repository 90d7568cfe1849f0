package org.openauthz.cli.config;

import org.openauthz.authz.config.DatabaseUrl;
import org.openauthz.authz.config.RawSettings;
import org.openauthz.authz.config.SettingKey;
import org.openauthz.cli.CliEnvironment;
import org.openauthz.cli.CliException;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Finds the DSN for {@code migrate sql} and {@code janitor}: argument, else {@code -e} (env DSN), else config file. */
public final class DsnResolver {
    private DsnResolver() {
    }

    public static DatabaseUrl resolve(String argument, boolean readFromEnv, List<Path> configFiles,
                                      CliEnvironment environment) {
        String dsn = argument;
        if (dsn == null || dsn.isBlank()) {
            Optional<String> configured = RawSettings.load(configFiles, readFromEnv ? environment.variables()
                    : java.util.Map.of()).string(SettingKey.DSN);
            dsn = configured.orElse(null);
        }
        if (dsn == null || dsn.isBlank()) {
            throw new CliException("No database URL given: pass it as an argument "
                    + "(postgres://user:password@host:5432/db?sslmode=disable), or use -e to read the environment "
                    + "variable DSN, or -c with a config file that sets dsn.");
        }
        try {
            return DatabaseUrl.parse(dsn.trim());
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
    }
}
