package org.openauthz.cli.token;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.openauthz.cli.CliEnvironment;
import org.openauthz.cli.HelpOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Unmatched;

/**
 * Placeholder for {@code hydra token user} (the authorization code flow helper), so the command name
 * exists and scripts get a clear answer. Its flags are not declared yet, so any arguments are
 * collected and ignored rather than rejected as unknown.
 */
@Command(name = "user", header = "An exemplary OAuth 2.0 Client performing the OAuth 2.0 Authorize Code Flow")
final class TokenUserCommand implements Callable<Integer> {

    @Mixin
    private HelpOption helpOption;

    @Unmatched
    private List<String> ignored = new ArrayList<>();

    private final CliEnvironment environment;

    TokenUserCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        environment.err().println("hydra token user is not available yet");
        return 1;
    }
}
