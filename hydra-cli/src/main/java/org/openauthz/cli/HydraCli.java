package org.openauthz.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.openauthz.cli.clients.ClientsCommand;
import org.openauthz.cli.doctor.DoctorCommand;
import org.openauthz.cli.janitor.JanitorCommand;
import org.openauthz.cli.migrate.MigrateCommand;
import org.openauthz.cli.serve.ServeCommand;
import org.openauthz.cli.keys.KeysCommand;
import org.openauthz.cli.token.TokenCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code hydra} root command. It only prints the overview; the work happens in the
 * subcommands registered by {@link #commandLine()}.
 */
@Command(name = "hydra",
        description = "Run and manage the OAuth 2.0 and OpenID Connect server (Ory Hydra v1.10 compatible)")
public final class HydraCli implements Callable<Integer> {

    @Mixin
    private HelpOption helpOption;

    @Spec
    private CommandSpec spec;

    private final CliEnvironment environment;

    public HydraCli(CliEnvironment environment) {
        this.environment = environment;
    }

    public static void main(String[] args) {
        System.exit(new HydraCli(CliEnvironment.system()).run(args));
    }

    /** Parses {@code args}, runs the selected command and returns the process exit status. */
    public int run(String... args) {
        try {
            return commandLine().execute(args);
        } finally {
            environment.out().flush();
            environment.err().flush();
        }
    }

    /** Builds the command tree: the one place where top-level commands are registered. */
    public CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(this, new CliFactory(environment));
        commandLine.addSubcommand(ClientsCommand.class);
        commandLine.addSubcommand(KeysCommand.class);
        commandLine.addSubcommand(TokenCommand.class);
        commandLine.addSubcommand(VersionCommand.class);
        commandLine.addSubcommand(HelpCommand.class);
        commandLine.addSubcommand(ServeCommand.class);
        commandLine.addSubcommand(MigrateCommand.class);
        commandLine.addSubcommand(JanitorCommand.class);
        commandLine.addSubcommand(DoctorCommand.class);

        commandLine.setOut(environment.out());
        commandLine.setErr(environment.err());
        // "@file" expansion would turn a token or path starting with '@' into a file read.
        commandLine.setExpandAtFiles(false);
        // Opaque tokens are base64url, so one in 64 starts with '-': `token introspect` and `token revoke` must take
        // it as their <token>, not as an unknown option (cobra in Hydra fails on such a token).
        CommandLine token = commandLine.getSubcommands().get("token");
        for (String takesToken : new String[] {"introspect", "revoke"}) {
            token.getSubcommands().get(takesToken).setUnmatchedOptionsArePositionalParams(true);
        }
        commandLine.setParameterExceptionHandler(this::onParameterError);
        commandLine.setExecutionExceptionHandler(this::onExecutionError);
        CobraHelp.install(commandLine);
        return commandLine;
    }

    /** {@code hydra} without a command prints the overview, like cobra does. */
    @Override
    public Integer call() {
        spec.commandLine().usage(environment.out());
        return 0;
    }

    private int onParameterError(CommandLine.ParameterException error, String[] args) {
        PrintWriter err = environment.err();
        String command = error.getCommandLine().getCommandSpec().qualifiedName();
        String message = error.getMessage();
        if (error instanceof CommandLine.UnmatchedArgumentException unmatched
                && !error.getCommandLine().getSubcommands().isEmpty()
                && !unmatched.getUnmatched().isEmpty()
                && !unmatched.getUnmatched().get(0).startsWith("-")) {
            message = "unknown command \"" + unmatched.getUnmatched().get(0) + "\" for \"" + command + "\"";
        }
        err.println("Error: " + message + " (see \"" + command + " --help\")");
        if (environment.debug()) {
            error.printStackTrace(err);
        }
        return 1;
    }

    private int onExecutionError(Exception error, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = environment.err();
        if (error instanceof CliException) {
            err.println(error.getMessage());
        } else {
            // Unexpected: still one line, naming the exception when it has no message.
            String message = error.getMessage();
            err.println("Error: " + (message == null || message.isBlank() ? error.getClass().getName() : message));
        }
        if (environment.debug()) {
            error.printStackTrace(err);
        }
        return 1;
    }
}
