package org.openauthz.bench;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Closed-loop load for what wrk cannot drive: refresh-token chains (each refresh token works once, so every
 * connection needs its own chain) and complete authorization-code flows with login and consent accepted through the
 * admin API (no browser; {@code authcode} first sign-ins, {@code authcode --returning} returning users, with
 * {@code --server-accepts} those the server answers itself under {@code oauth2.accept_remembered_sign_ins}, see
 * {@link SignInFlows}), and client credentials with a fresh DPoP proof per request ({@code --dpop-alg ES256},
 * {@code RS256}, {@code EdDSA}, or {@code none} for the plain grant through the same generator). Runs
 * {@code --warmup} seconds of unmeasured load (default 0), then {@code --duration} measured seconds, and prints one
 * {@code RESULT} line like bench/run-wrk.sh reads; the rate is iterations/s, errors include the warm-up's.
 */
public final class LoadGenerator {
    private static final Pattern REFRESH = Pattern.compile("\"refresh_token\"\\s*:\\s*\"([^\"]+)\"");

    /** Options without a value. */
    private static final Set<String> FLAGS = Set.of("returning", "server-accepts");

    private final Map<String, String> options;
    private final String basic;
    private final SignInFlows flows;

    private LoadGenerator(Map<String, String> options) {
        this.options = options;
        this.basic = "Basic " + Base64.getEncoder().encodeToString((enc(options.get("client-id")) + ":"
                + enc(options.get("client-secret"))).getBytes(StandardCharsets.UTF_8));
        this.flows = new SignInFlows(options.get("public"), options.get("admin"), options.get("client-id"),
                options.get("scope"), options.get("redirect"), basic);
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>(Map.of("threads", "32", "duration", "10", "redirect",
                "http://127.0.0.1:9010/callback", "scope", "openid offline"));
        String scenario = args[0];
        for (int i = 1; i < args.length; i++) {
            String name = args[i].replaceFirst("^--", "");
            if (FLAGS.contains(name)) {
                options.put(name, "true");
            } else if (i + 1 < args.length) {
                options.put(name, args[++i]);
            }
        }
        new LoadGenerator(options).run(scenario);
    }

    private interface Iteration {
        void run() throws Exception;
    }

    private void run(String scenario) throws Exception {
        int threads = Integer.parseInt(options.get("threads"));
        long durationNanos = Duration.ofSeconds(Long.parseLong(options.get("duration"))).toNanos();
        // Unmeasured load first, as the peer kit's generator has (--warmup): this JVM's own JIT compiles the
        // generator meanwhile, and its CPU would otherwise be counted in the measured window on a shared box.
        long warmupNanos = Duration.ofSeconds(Long.parseLong(options.getOrDefault("warmup", "0"))).toNanos();
        List<long[]> latencies = new ArrayList<>();
        AtomicLong errors = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        long[] counts = new long[threads];
        // Every thread prepares first (a refresh chain's first flow, a DPoP key: RSA key generation takes a while on a
        // busy box); the clock starts when all are ready, so setup is not counted as load.
        java.util.concurrent.CountDownLatch ready = new java.util.concurrent.CountDownLatch(threads);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        AtomicLong startedAt = new AtomicLong();
        for (int t = 0; t < threads; t++) {
            int index = t;
            long[] samples = new long[200_000];
            latencies.add(samples);
            Thread worker = new Thread(() -> {
                RawHttp http = new RawHttp();
                Iteration iteration;
                try {
                    iteration = switch (scenario) {
                        case "refresh" -> refreshChain(http);
                        case "client-credentials" -> clientCredentials(http);
                        case "dpop-sign" -> signOnly();
                        default -> "true".equals(options.get("returning")) ? returningUser(http)
                                : () -> flows.firstSignIn(http);
                    };
                } catch (Exception e) {
                    errors.incrementAndGet();
                    return;
                } finally {
                    ready.countDown();
                }
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                long warmupEnd = startedAt.get();
                while (System.nanoTime() < warmupEnd) {
                    try {
                        iteration.run();
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                }
                long start = warmupEnd;
                long n = 0;
                while (System.nanoTime() - start < durationNanos && n < samples.length) {
                    long t0 = System.nanoTime();
                    try {
                        iteration.run();
                        samples[(int) n++] = (System.nanoTime() - t0) / 1000;
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                }
                counts[index] = n;
                http.close();
            });
            workers.add(worker);
            worker.start();
        }
        ready.await();
        startedAt.set(System.nanoTime() + warmupNanos);
        go.countDown();
        long start = startedAt.get();
        for (Thread worker : workers) {
            worker.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long total = Arrays.stream(counts).sum();
        long[] all = new long[(int) total];
        int k = 0;
        for (int t = 0; t < threads; t++) {
            System.arraycopy(latencies.get(t), 0, all, k, (int) counts[t]);
            k += (int) counts[t];
        }
        Arrays.sort(all);
        System.out.printf("RESULT rps=%.1f p50_us=%d p90_us=%d p99_us=%d max_us=%d requests=%d errors=%d non2xx=0%n",
                total / seconds, pct(all, 50), pct(all, 90), pct(all, 99), all.length == 0 ? 0 : all[all.length - 1],
                total, errors.get());
    }

    private static long pct(long[] sorted, int p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * p / 100.0) - 1)];
    }

    /** Client credentials, each request with a new proof of this thread's key unless {@code --dpop-alg none}. */
    private Iteration clientCredentials(RawHttp http) throws Exception {
        String url = options.get("public") + "/oauth2/token";
        String alg = options.getOrDefault("dpop-alg", "none");
        DpopProofs proofs = "none".equals(alg) ? null : new DpopProofs(alg, url);
        return () -> {
            RawHttp.Response response = http.postForm(url, "grant_type=client_credentials", basic,
                    proofs == null ? null : proofs.next());
            if (response.status() != 200) {
                throw new IllegalStateException("token endpoint answered " + response.status() + ": "
                        + response.body());
            }
        };
    }

    /** The load generator's own share: signing proofs with no request, to tell the client's cost from the server's. */
    private Iteration signOnly() throws Exception {
        DpopProofs proofs = new DpopProofs(options.get("dpop-alg"), options.get("public") + "/oauth2/token");
        return proofs::next;
    }

    /**
     * One returning user ({@code authcode --returning}): this thread's cookie jar keeps the browser's login session;
     * a first flow (not measured) logs in and consents with {@code remember}, and every measured flow is a returning
     * user's, where the login app sees {@code skip=true} for login and consent, as Hydra's protocol has it.
     */
    private Iteration returningUser(RawHttp http) throws Exception {
        // A user of its own: a remembered consent belongs to one user, and the newest one is what a returning
        // user's sign-in is measured against.
        flows.firstSignIn(http, true, "bench-user-" + java.util.UUID.randomUUID());
        if ("true".equals(options.get("server-accepts"))) {
            return () -> flows.serverAcceptedSignIn(http);
        }
        return () -> flows.returningSignIn(http);
    }

    /** One thread's refresh chain: get a first refresh token through a flow, then rotate it on every iteration. */
    private Iteration refreshChain(RawHttp http) throws Exception {
        String[] token = {refreshTokenOf(flows.firstSignIn(http))};
        return () -> token[0] = refreshTokenOf(tokenRequest(http, "grant_type=refresh_token&refresh_token="
                + enc(token[0])));
    }

    private String tokenRequest(RawHttp http, String form) throws Exception {
        return flows.tokenRequest(http, form);
    }

    private static String refreshTokenOf(String body) {
        Matcher m = REFRESH.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no refresh_token in " + body);
        }
        return m.group(1);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
