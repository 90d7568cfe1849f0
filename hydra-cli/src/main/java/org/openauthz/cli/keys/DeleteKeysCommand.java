package org.openauthz.cli.keys;

import java.util.List;
import java.util.concurrent.Callable;
import org.openauthz.cli.CliEnvironment;
import org.openauthz.cli.HelpOption;
import org.openauthz.cli.http.AdminConnectionOptions;
import org.openauthz.cli.http.AdminSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code hydra keys delete <set>...}: deletes whole key sets. */
@Command(name = "delete", header = "Delete a JSON Web Key Set",
        description = {"This command deletes a JSON Web Key Set and all of its keys.",
                "",
                "Example:",
                "  hydra keys delete my-set"})
final class DeleteKeysCommand implements Callable<Integer> {

    @Mixin
    private HelpOption helpOption;

    @Mixin
    private AdminConnectionOptions connection;

    @Parameters(arity = "1..*", paramLabel = "<set>", description = "the key sets to delete")
    private List<String> sets;

    private final CliEnvironment environment;

    DeleteKeysCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        try (AdminSession session = connection.open(environment)) {
            for (String set : sets) {
                session.run("Could not delete JSON Web Key Set " + set, api -> api.deleteJsonWebKeySet(set));
                environment.out().println("JSON Web Key Set deleted: " + set);
            }
        }
        return 0;
    }
}
