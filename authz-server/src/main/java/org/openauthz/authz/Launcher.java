package org.openauthz.authz;

import org.openauthz.authz.config.RawSettings;
import org.openauthz.authz.config.ServerSettings;
import org.openauthz.authz.config.SettingsBinder;
import org.openauthz.authz.server.DropwizardSettings;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Starts the server from Hydra-style configuration (files from {@code -c}, then environment variables), as
 * {@code hydra serve all|public|admin} does. Returns once the server listens; it runs until the JVM stops.
 *
 * @throws org.openauthz.authz.config.InvalidConfigurationException listing every problem, before anything starts
 */
public final class Launcher {
    private Launcher() {
    }

    public static ServerSettings settings(List<Path> configFiles, Map<String, String> env, SettingsBinder.Flags flags) {
        return SettingsBinder.bind(RawSettings.load(configFiles, env), flags);
    }

    public static void serve(ServerSettings settings) throws Exception {
        new AuthzServerApplication(DropwizardSettings.toConfiguration(settings)).run("server");
    }

    /** Development entry point: {@code DSN=memory SECRETS_SYSTEM=... java -cp ... org.openauthz.authz.Launcher}. */
    public static void main(String[] args) throws Exception {
        serve(settings(List.of(), System.getenv(), new SettingsBinder.Flags(ServerSettings.Mode.ALL,
                List.of(args).contains("--dangerous-force-http"), List.of())));
    }
}
