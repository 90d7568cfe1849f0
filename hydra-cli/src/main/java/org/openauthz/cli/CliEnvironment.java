package org.openauthz.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a command needs from the outside world, passed in explicitly instead of read from
 * {@code System} so that tests can run the whole CLI in-process with their own streams,
 * environment variables, clock and randomness (and so that no command keeps static state).
 */
public final class CliEnvironment {

    private final Map<String, String> variables;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Clock clock;
    private final SecureRandom random;

    public CliEnvironment(Map<String, String> variables, PrintWriter out, PrintWriter err, Clock clock,
                          SecureRandom random) {
        this.variables = Map.copyOf(Objects.requireNonNull(variables));
        this.out = Objects.requireNonNull(out);
        this.err = Objects.requireNonNull(err);
        this.clock = Objects.requireNonNull(clock);
        this.random = Objects.requireNonNull(random);
    }

    /** The real process environment, stdout and stderr (UTF-8, auto-flushing). */
    public static CliEnvironment system() {
        return new CliEnvironment(System.getenv(),
                new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true),
                new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true),
                Clock.systemUTC(), new SecureRandom());
    }

    /** An environment variable, or {@code null} when it is unset or blank. */
    public String variable(String name) {
        String value = variables.get(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** All environment variables, for configuration that follows Hydra's env-var naming. */
    public Map<String, String> variables() {
        return variables;
    }

    public PrintWriter out() {
        return out;
    }

    public PrintWriter err() {
        return err;
    }

    public Clock clock() {
        return clock;
    }

    public SecureRandom random() {
        return random;
    }

    /** {@code HYDRA_CLI_DEBUG=1} turns the one-line error messages into full stack traces. */
    public boolean debug() {
        String value = variable("HYDRA_CLI_DEBUG");
        return value != null && !value.equals("0") && !value.equalsIgnoreCase("false");
    }
}
