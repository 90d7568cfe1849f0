package org.openauthz.cli.keys;

import java.util.concurrent.Callable;
import org.openauthz.admin.client.model.JSONWebKeySet;
import org.openauthz.admin.client.model.JsonWebKeySetGeneratorRequest;
import org.openauthz.cli.CliEnvironment;
import org.openauthz.cli.HelpOption;
import org.openauthz.cli.http.AdminConnectionOptions;
import org.openauthz.cli.http.AdminSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hydra keys create <set> [<kid>]}: has the server generate a key and prints the new keys. */
@Command(name = "create", header = "Create a new JSON Web Key Set",
        description = {"This command generates a new key (pair) in a JSON Web Key Set, creating the set if needed, "
                + "and prints the generated keys.",
                "",
                "Example:",
                "  hydra keys create my-set -a RS256"})
final class CreateKeysCommand implements Callable<Integer> {

    @Mixin
    private HelpOption helpOption;

    @Mixin
    private AdminConnectionOptions connection;

    @Parameters(index = "0", paramLabel = "<set>", description = "the key set")
    private String set;

    @Parameters(index = "1", arity = "0..1", paramLabel = "<kid>", description = "the key id (generated when omitted)")
    private String kid;

    @Option(names = {"-a", "--alg"}, paramLabel = "string", defaultValue = "RS256",
            description = "The algorithm to be used to generated they key. Supports: RS256, ES512, HS256, HS512")
    private String alg;

    @Option(names = {"-u", "--use"}, paramLabel = "string", defaultValue = "sig",
            description = "The intended use of this key. Supports: sig, enc")
    private String use;

    private final CliEnvironment environment;

    CreateKeysCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        JsonWebKeySetGeneratorRequest request = new JsonWebKeySetGeneratorRequest().alg(alg).use(use);
        if (kid != null && !kid.isEmpty()) {
            request.kid(kid);
        }
        JSONWebKeySet keys;
        try (AdminSession session = connection.open(environment)) {
            keys = session.call("Could not generate a key in JSON Web Key Set " + set,
                    api -> api.createJsonWebKeySet(set, request));
        }
        KeySetOutput.print(environment, keys);
        return 0;
    }
}
