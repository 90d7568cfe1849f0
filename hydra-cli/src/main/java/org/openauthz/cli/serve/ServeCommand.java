package org.openauthz.cli.serve;

import org.openauthz.cli.GroupCommand;
import picocli.CommandLine.Command;

/**
 * {@code hydra serve [-c FILE]... all|public|admin}: starts the server (docs/cli.md). {@code -c} may come before
 * the subcommand, as in Hydra's quickstart ({@code serve -c f all}), so it is declared on each subcommand and
 * inherited.
 */
@Command(name = "serve", header = "Parent command for starting public and administrative HTTP/2 APIs",
        subcommands = {ServeCommand.All.class, ServeCommand.Public.class, ServeCommand.Admin.class})
public final class ServeCommand extends GroupCommand {
    @picocli.CommandLine.Mixin
    org.openauthz.cli.config.ConfigFiles configFiles;

    ServeCommand(org.openauthz.cli.CliEnvironment environment) {
        super(environment);
    }

    @Command(name = "all", header = "Serves both public and administrative HTTP/2 APIs",
            description = "Starts the public port (default 4444) and the admin port (default 4445) in one process.")
    static final class All extends ServeSubcommand {
        All(org.openauthz.cli.CliEnvironment environment) {
            super(environment, org.openauthz.authz.config.ServerSettings.Mode.ALL);
        }
    }

    @Command(name = "public", header = "Serves Public HTTP/2 APIs",
            description = "Starts only the public port: /oauth2/auth, /oauth2/token, discovery, JWKS, userinfo.")
    static final class Public extends ServeSubcommand {
        Public(org.openauthz.cli.CliEnvironment environment) {
            super(environment, org.openauthz.authz.config.ServerSettings.Mode.PUBLIC);
        }
    }

    @Command(name = "admin", header = "Serves Administrative HTTP/2 APIs",
            description = "Starts only the admin port: clients, keys, login and consent requests, introspection.")
    static final class Admin extends ServeSubcommand {
        Admin(org.openauthz.cli.CliEnvironment environment) {
            super(environment, org.openauthz.authz.config.ServerSettings.Mode.ADMIN);
        }
    }
}
