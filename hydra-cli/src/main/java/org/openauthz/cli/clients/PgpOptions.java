package org.openauthz.cli.clients;

import org.openauthz.cli.CliException;
import picocli.CommandLine.Option;

/**
 * Hydra's flags for encrypting the printed client secret with a PGP key. They are declared so that
 * existing scripts get a clear answer instead of "unknown option"; encryption itself is not offered.
 */
public final class PgpOptions {

    @Option(names = "--pgp-key", paramLabel = "string",
            description = "Base64 encoded PGP encryption key for encrypting client secret (not supported)")
    String pgpKey;

    @Option(names = "--pgp-key-url", paramLabel = "string",
            description = "PGP encryption key URL for encrypting client secret (not supported)")
    String pgpKeyUrl;

    @Option(names = "--keybase", paramLabel = "string",
            description = "Keybase username for encrypting client secret (not supported)")
    String keybase;

    /** Fails before anything is sent to the server if any PGP flag was used. */
    public void rejectIfUsed() {
        String flag = used(pgpKey) ? "--pgp-key" : used(pgpKeyUrl) ? "--pgp-key-url" : used(keybase) ? "--keybase" : null;
        if (flag != null) {
            throw new CliException("PGP encryption of client secrets is not supported by this server; omit " + flag);
        }
    }

    private static boolean used(String value) {
        return value != null && !value.isEmpty();
    }
}
