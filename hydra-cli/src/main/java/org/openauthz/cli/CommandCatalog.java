package org.openauthz.cli;

import java.util.Map;
import java.util.TreeMap;

/**
 * The top-level commands of Hydra v1.10 with their one-line descriptions, as {@code hydra help} lists them in its
 * overview, plus our {@code doctor}. Every one of them is registered in {@link HydraCli#commandLine()}.
 */
public final class CommandCatalog {

    private static final Map<String, String> TOP_LEVEL = Map.of(
            "clients", "Manage OAuth 2.0 Clients",
            "doctor", "Check the configuration and clients against OAuth 2.0 security best practice",
            "help", "Help about any command",
            "janitor", "Clean the database of old tokens and login/consent requests",
            "keys", "Manage JSON Web Keys",
            "migrate", "Various migration helpers",
            "serve", "Parent command for starting public and administrative HTTP/2 APIs",
            "token", "Issue and Manage OAuth2 tokens",
            "version", "Display this binary's version, build time and git hash of this build");

    private CommandCatalog() {
    }

    /** Name to description, sorted by name. */
    public static Map<String, String> topLevel() {
        return new TreeMap<>(TOP_LEVEL);
    }
}
