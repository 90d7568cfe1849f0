package org.openauthz.cli.serve;

import org.openauthz.authz.Launcher;
import org.openauthz.authz.config.InvalidConfigurationException;
import org.openauthz.authz.config.ServerSettings;
import org.openauthz.authz.config.SettingsBinder;
import org.openauthz.cli.CliEnvironment;
import org.openauthz.cli.CliException;
import org.openauthz.cli.HelpOption;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** Shared flags and behaviour of {@code serve all|public|admin}. */
abstract class ServeSubcommand implements Callable<Integer> {
    @Mixin
    private HelpOption helpOption;

    @picocli.CommandLine.ParentCommand
    private ServeCommand parent;

    @Option(names = "--dangerous-force-http",
            description = "Disable HTTP/2 over TLS (HTTPS) and serve HTTP instead. Never use this in production.")
    private boolean forceHttp;

    @Option(names = "--dangerous-allow-insecure-redirect-urls", split = ",",
            description = "DO NOT USE THIS IN PRODUCTION - Disable HTTPS enforcement for the provided redirect URLs")
    private List<String> insecureRedirects = new ArrayList<>();

    @Option(names = "--sqa-opt-out", description = "Accepted for compatibility: this server sends no usage statistics.")
    private boolean sqaOptOut;

    private final CliEnvironment environment;
    private final ServerSettings.Mode mode;

    ServeSubcommand(CliEnvironment environment, ServerSettings.Mode mode) {
        this.environment = environment;
        this.mode = mode;
    }

    @Override
    public Integer call() throws Exception {
        ServerSettings settings;
        try {
            settings = Launcher.settings(parent.configFiles.paths(), environment.variables(),
                    new SettingsBinder.Flags(mode, forceHttp, insecureRedirects));
        } catch (InvalidConfigurationException e) {
            throw new CliException("hydra serve: " + e.getMessage());
        }
        if (forceHttp) {
            environment.err().println("WARNING: --dangerous-force-http serves HTTP without TLS. Never use it in "
                    + "production.");
        }
        if (settings.database().memory()) {
            environment.err().println("DSN=memory: everything is kept in memory and lost when the server stops.");
        }
        environment.err().flush();
        Launcher.serve(settings);
        // The server runs on non-daemon threads; returning here would let main() call System.exit.
        Thread.currentThread().join();
        return 0;
    }
}
