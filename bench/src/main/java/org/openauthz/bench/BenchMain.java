package org.openauthz.bench;

import java.util.Arrays;

/**
 * Entry point of {@code bench/target/bench.jar}: {@code hello PORT} (the Dropwizard baseline), {@code load ...}
 * (the Java load generator for refresh and auth-code flows), {@code jmh ...} (micro-benchmarks).
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: bench.jar hello PORT | load SCENARIO ... | jmh [JMH options]");
            System.exit(2);
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "hello" -> HelloApplication.start(Integer.parseInt(rest[0]));
            case "load" -> LoadGenerator.main(rest);
            case "jmh" -> org.openjdk.jmh.Main.main(rest);
            default -> {
                System.err.println("unknown mode " + args[0]);
                System.exit(2);
            }
        }
    }
}
