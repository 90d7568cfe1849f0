package org.openauthz.cli.config;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code -c/--config FILE} (repeatable): Hydra configuration files, later ones win, environment variables win over
 * all, as in Hydra v1.10 (docs/configuration.md). Inherited so that {@code hydra serve -c f all} and
 * {@code hydra serve all -c f} both work.
 */
public final class ConfigFiles {
    @Option(names = {"-c", "--config"}, scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "Config file in Hydra's YAML format; may be given more than once")
    private List<Path> files = new ArrayList<>();

    public List<Path> paths() {
        for (Path file : files) {
            if (!Files.isReadable(file)) {
                throw new org.openauthz.cli.CliException("Config file " + file + " does not exist or is not readable");
            }
        }
        return List.copyOf(files);
    }
}
