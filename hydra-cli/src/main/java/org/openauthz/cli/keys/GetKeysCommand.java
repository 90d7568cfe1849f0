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

/** {@code hydra keys get <set>}: prints the set, private keys included (the admin API returns them). */
@Command(name = "get", header = "Get a JSON Web Key Set",
        description = {"This command prints all keys of a JSON Web Key Set, private keys included.",
                "",
                "Example:",
                "  hydra keys get my-set"})
final class GetKeysCommand implements Callable<Integer> {

    @Mixin
    private HelpOption helpOption;

    @Mixin
    private AdminConnectionOptions connection;

    @Parameters(index = "0", paramLabel = "<set>", description = "the key set")
    private String set;

    private final CliEnvironment environment;

    GetKeysCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        JSONWebKeySet keys;
        try (AdminSession session = connection.open(environment)) {
            keys = session.call("Could not get JSON Web Key Set " + set, api -> api.getJsonWebKeySet(set));
        }
        KeySetOutput.print(environment, keys);
        return 0;
    }
}
