package org.openauthz.cli.token;

import org.openauthz.cli.CliEnvironment;
import org.openauthz.cli.GroupCommand;
import picocli.CommandLine.Command;

/** {@code hydra token ...}: issue, inspect, revoke and clean up tokens. */
@Command(name = "token", header = "Issue and Manage OAuth2 tokens",
        subcommands = {TokenClientCommand.class, DeleteTokensCommand.class, FlushTokensCommand.class,
                IntrospectTokenCommand.class, RevokeTokenCommand.class, TokenUserCommand.class,
                TokenDeviceCommand.class})
public final class TokenCommand extends GroupCommand {

    public TokenCommand(CliEnvironment environment) {
        super(environment);
    }
}
