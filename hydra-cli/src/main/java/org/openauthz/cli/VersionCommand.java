package org.openauthz.cli;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code hydra version}: the three aligned lines Hydra prints. The values come from the manifest
 * of the shaded jar (written by the Maven build); outside a jar (IDE, tests) they are "dev" and
 * "undefined".
 */
@Command(name = "version", header = "Display this binary's version, build time and git hash of this build")
final class VersionCommand implements Callable<Integer> {

    /** The Hydra release whose CLI and API this build reproduces. */
    static final String COMPATIBLE_WITH = "v1.10.2";

    @Mixin
    private HelpOption helpOption;

    private final CliEnvironment environment;

    VersionCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        Attributes manifest = ownManifest();
        String implementation = value(manifest, "Implementation-Version");
        String version = implementation == null ? "dev" : COMPATIBLE_WITH + "-openauthz-" + implementation;
        environment.out().println("Version:    " + version);
        environment.out().println("Git Hash:   " + orUndefined(value(manifest, "Git-Hash")));
        environment.out().println("Build Time: " + orUndefined(value(manifest, "Build-Time")));
        return 0;
    }

    private static String orUndefined(String value) {
        return value == null ? "undefined" : value;
    }

    private static String value(Attributes attributes, String name) {
        if (attributes == null) {
            return null;
        }
        String value = attributes.getValue(name);
        return value == null || value.isBlank() || value.contains("${") ? null : value.trim();
    }

    /** The manifest of the jar this class was loaded from (not whichever jar comes first). */
    private static Attributes ownManifest() {
        try {
            var source = VersionCommand.class.getProtectionDomain().getCodeSource();
            if (source == null) {
                return null;
            }
            Path location = Path.of(source.getLocation().toURI());
            if (!Files.isRegularFile(location)) {
                return null;
            }
            try (JarFile jar = new JarFile(location.toFile())) {
                Manifest manifest = jar.getManifest();
                return manifest == null ? null : manifest.getMainAttributes();
            }
        } catch (IOException | URISyntaxException | SecurityException | IllegalArgumentException e) {
            return null;
        }
    }
}
