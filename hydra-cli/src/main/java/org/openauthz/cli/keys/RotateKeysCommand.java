package org.openauthz.cli.keys;

import java.util.concurrent.Callable;
import org.openauthz.admin.client.model.JSONWebKeySet;
import org.openauthz.cli.CliEnvironment;
import org.openauthz.cli.HelpOption;
import org.openauthz.cli.http.AdminConnectionOptions;
import org.openauthz.cli.http.AdminSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code hydra keys rotate <set>} (not in Hydra): a new key that signs from now on; prints it. */
@Command(name = "rotate", header = "Rotate a JSON Web Key Set now",
        description = {"This command adds a new signing key to a JSON Web Key Set that signs from now on and prints "
                + "it. The keys it replaces stay published, so tokens they signed still verify. Not in Hydra; "
                + "scheduled rotation (KEYS_ROTATION_INTERVAL) publishes the next key ahead of use instead.",
                "",
                "Example:",
                "  hydra keys rotate hydra.openid.id-token"})
final class RotateKeysCommand implements Callable<Integer> {

    @Mixin
    private HelpOption helpOption;

    @Mixin
    private AdminConnectionOptions connection;

    @Parameters(index = "0", paramLabel = "<set>", description = "the key set")
    private String set;

    private final CliEnvironment environment;

    RotateKeysCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        JSONWebKeySet keys;
        try (AdminSession session = connection.open(environment)) {
            keys = session.call("Could not rotate JSON Web Key Set " + set, api -> api.rotateJsonWebKeySet(set));
        }
        KeySetOutput.print(environment, keys);
        return 0;
    }
}
