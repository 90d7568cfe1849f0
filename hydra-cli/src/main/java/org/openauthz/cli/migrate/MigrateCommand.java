package org.openauthz.cli.migrate;

import org.openauthz.cli.GroupCommand;
import org.openauthz.cli.config.ConfigFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code hydra migrate [-c FILE] sql ...} (docs/cli.md). */
@Command(name = "migrate", header = "Various migration helpers", subcommands = {MigrateSqlCommand.class,
        MigrateFromHydraCommand.class})
public final class MigrateCommand extends GroupCommand {
    @Mixin
    ConfigFiles configFiles;

    MigrateCommand(org.openauthz.cli.CliEnvironment environment) {
        super(environment);
    }
}
