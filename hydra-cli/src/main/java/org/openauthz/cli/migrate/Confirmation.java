package org.openauthz.cli.migrate;

import org.openauthz.cli.CliEnvironment;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Asks before a migration writes, as Hydra's {@code migrate sql} does without {@code --yes}. */
final class Confirmation {
    private Confirmation() {
    }

    /** Prints {@code question} with {@code [y/n]} and reads the answer from standard input; yes for y... */
    static boolean confirmed(CliEnvironment environment, String question) throws IOException {
        environment.out().print(question + " [y/n]: ");
        environment.out().flush();
        String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        return answer != null && answer.trim().toLowerCase(Locale.ROOT).startsWith("y");
    }
}
