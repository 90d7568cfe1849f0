package org.openauthz.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/** Runs the whole CLI in-process with captured output, a chosen environment and a fixed clock. */
public final class CliRun {

    public static final Instant NOW = Instant.parse("2021-07-08T10:00:00Z");

    private final Map<String, String> variables = new HashMap<>();

    public CliRun env(String name, String value) {
        variables.put(name, value);
        return this;
    }

    public Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliEnvironment environment = new CliEnvironment(variables, new PrintWriter(out, true), new PrintWriter(err, true),
                Clock.fixed(NOW, ZoneOffset.UTC), new SecureRandom());
        int code = new HydraCli(environment).run(args);
        return new Result(code, out.toString(), err.toString());
    }

    public record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }
}
