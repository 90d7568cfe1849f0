package org.openauthz.loginconsent;

import org.openauthz.loginconsent.identity.PasswordHash;

import java.io.Console;
import java.io.PrintStream;
import java.security.SecureRandom;

/**
 * Prints a {@code password_hash} for the users file:
 * <pre>
 * java -cp login-consent.jar org.openauthz.loginconsent.HashPassword 'correct horse'
 * java -cp login-consent.jar org.openauthz.loginconsent.HashPassword        # asks, without echo
 * </pre>
 * A password on the command line ends up in the shell history and the process list; without an argument the
 * password is read from the terminal instead.
 */
public final class HashPassword {
    private HashPassword() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.console(), System.out, System.err));
    }

    static int run(String[] args, Console console, PrintStream out, PrintStream err) {
        char[] password;
        if (args.length == 1 && !args[0].startsWith("-")) {
            password = args[0].toCharArray();
        } else if (args.length == 0 && console != null) {
            password = console.readPassword("Password: ");
            char[] again = console.readPassword("Again: ");
            if (password == null || again == null || !java.util.Arrays.equals(password, again)) {
                err.println("HashPassword: the two passwords differ");
                return 1;
            }
        } else {
            err.println("usage: java -cp login-consent.jar org.openauthz.loginconsent.HashPassword [<password>]");
            err.println("Prints a password_hash line for USERS_FILE; without an argument, asks for the password.");
            return 2;
        }
        if (password.length == 0) {
            err.println("HashPassword: the password must not be empty");
            return 1;
        }
        out.println(PasswordHash.create(password, PasswordHash.DEFAULT_ITERATIONS, new SecureRandom()));
        return 0;
    }
}
