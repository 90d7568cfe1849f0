package org.openauthz.cli.token.user;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.openauthz.cli.CliEnvironment;
import org.openauthz.cli.CliException;

/**
 * The exemplary OAuth 2.0 consumer behind {@code hydra token user}: a small web app on all
 * interfaces (so a port published by Docker reaches it) serving
 * <ul>
 *   <li>{@code GET /}: a page with the "Authorize application" link ({@link AuthorizationLink});</li>
 *   <li>{@code GET /callback} (and the path of {@code --redirect}): the redirection endpoint. It checks
 *       {@code state}, exchanges the code ({@link CodeExchange}), validates the ID token
 *       ({@link IdTokenValidator}), then shows the tokens and prints them on stdout.</li>
 * </ul>
 * One handled callback, successful or not, completes the run ({@link #awaitExitCode()}); with
 * {@code --no-shutdown} the app keeps serving and issues a new state, nonce and verifier instead.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2">RFC 6749 section 4.1.2 (callback)</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-10.12">RFC 6749 section 10.12 (state)</a>
 */
public final class ConsumerApp implements AutoCloseable {

    /** Exit status when the wait for the callback is interrupted. */
    static final int INTERRUPTED = 130;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CALLBACK_PATH = "/callback";

    private final ConsumerSettings settings;
    private final CodeExchange codeExchange;
    private final IdTokenValidator validator;
    private final CliEnvironment environment;
    private final HttpServer server;
    private final ExecutorService executor;
    private final String homeUrl;
    private final String callbackUrl;
    private final String redirectUri;
    private final Set<String> callbackPaths = new LinkedHashSet<>();
    private final AuthorizationLink link;
    private final AtomicReference<FlowSecrets> secrets;
    private final AtomicBoolean callbackTaken = new AtomicBoolean();
    private final CompletableFuture<Integer> outcome = new CompletableFuture<>();

    private ConsumerApp(ConsumerSettings settings, CodeExchange codeExchange, IdTokenValidator validator,
                        CliEnvironment environment, HttpServer server) {
        this.settings = settings;
        this.codeExchange = codeExchange;
        this.validator = validator;
        this.environment = environment;
        this.server = server;
        String local = (settings.https() ? "https" : "http") + "://127.0.0.1:" + server.getAddress().getPort();
        this.homeUrl = local + "/";
        this.redirectUri = settings.redirectUri() != null ? settings.redirectUri() : local + CALLBACK_PATH;
        callbackPaths.add(CALLBACK_PATH);
        String redirectPath = URI.create(redirectUri).getPath();
        if (redirectPath != null && !redirectPath.isEmpty() && !redirectPath.equals("/")) {
            callbackPaths.add(redirectPath);
        }
        this.callbackUrl = local + callbackPaths.stream().reduce((first, second) -> second).orElseThrow();
        this.link = new AuthorizationLink(settings.authUrl(), settings.clientId(), redirectUri, settings.scopes(),
                settings.prompt(), settings.maxAge(), settings.audience());
        this.secrets = new AtomicReference<>(FlowSecrets.generate(environment.random()));
        this.executor = Executors.newFixedThreadPool(4, task -> {
            Thread thread = new Thread(task, "token-user-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    /**
     * Binds {@code 0.0.0.0:<port>}, starts serving and prints where.
     *
     * @throws CliException when the port cannot be bound or TLS cannot be set up
     */
    public static ConsumerApp start(ConsumerSettings settings, CodeExchange codeExchange, IdTokenValidator validator,
                                    CliEnvironment environment) {
        HttpServer server;
        InetSocketAddress address = new InetSocketAddress(settings.port());
        try {
            if (settings.https()) {
                HttpsServer https = HttpsServer.create(address, 0);
                https.setHttpsConfigurator(new HttpsConfigurator(
                        SelfSignedTls.create(environment.random(), environment.clock())));
                server = https;
            } else {
                server = HttpServer.create(address, 0);
            }
        } catch (BindException e) {
            throw new CliException("Could not listen on port " + settings.port() + ": " + Text.shown(e.getMessage())
                    + " (is another program using it? choose one with --port)", e);
        } catch (IOException e) {
            throw new CliException("Could not listen on port " + settings.port() + ": " + Text.shown(e.getMessage()), e);
        } catch (GeneralSecurityException e) {
            throw new CliException("Could not set up HTTPS with a self-signed certificate: "
                    + Text.shown(e.getMessage()), e);
        }
        ConsumerApp app = new ConsumerApp(settings, codeExchange, validator, environment, server);
        server.start();
        app.printBanner();
        return app;
    }

    public String homeUrl() {
        return homeUrl;
    }

    public String redirectUri() {
        return redirectUri;
    }

    /** The current secrets (for tests). */
    FlowSecrets secrets() {
        return secrets.get();
    }

    /**
     * Waits until a callback has been handled: 0 when tokens were obtained and the ID token (if
     * any) is valid, 1 otherwise. With {@code --no-shutdown} it waits until interrupted.
     */
    public int awaitExitCode() {
        try {
            return outcome.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return INTERRUPTED;
        } catch (ExecutionException e) {
            return 1;
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void printBanner() {
        PrintWriter out = environment.out();
        out.print("Setting up home route on " + homeUrl + "\n"
                + "Setting up callback listener on " + callbackUrl + "\n"
                + "Press ctrl + c on Linux / Windows or cmd + c on OSX to end the process.\n"
                + "If your browser does not open automatically, navigate to:\n"
                + "\n"
                + "\t" + homeUrl + "\n"
                + "\n");
        out.flush();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            boolean isCallback = callbackPaths.contains(path);
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET");
                send(exchange, 405, ConsumerPages.error("Method not allowed", "Only GET is supported here.", Map.of()));
            } else if (isCallback) {
                callback(exchange);
            } else if ("/".equals(path)) {
                send(exchange, 200, ConsumerPages.home(link.url(secrets.get())));
            } else {
                send(exchange, 404, ConsumerPages.error("Not found", "There is nothing at " + path
                        + "; the consumer's home page is " + homeUrl, Map.of()));
            }
        } finally {
            exchange.close();
        }
    }

    private void callback(HttpExchange exchange) throws IOException {
        if (!settings.noShutdown() && !callbackTaken.compareAndSet(false, true)) {
            send(exchange, 409, ConsumerPages.error("Already done",
                    "This consumer has already handled a callback and is shutting down.", Map.of()));
            return;
        }
        FlowSecrets used = secrets.get();
        Result result;
        try {
            result = process(exchange.getRequestURI().getRawQuery(), used);
        } catch (RuntimeException e) {
            String message = "Could not handle the callback: " + Text.shown(e.getMessage() == null
                    ? e.getClass().getName() : e.getMessage());
            environment.err().println(message);
            result = new Result(500, ConsumerPages.error("Unexpected error", message, Map.of()), 1);
        }
        environment.out().flush();
        environment.err().flush();
        if (settings.noShutdown()) {
            // before answering, so that the page's "next run" already uses fresh secrets
            secrets.compareAndSet(used, FlowSecrets.generate(environment.random()));
        }
        try {
            send(exchange, result.status(), result.html());
        } finally {
            exchange.close();
            if (!settings.noShutdown()) {
                // only now: completing lets the command stop the server, which must not cut this answer short
                outcome.complete(result.exitCode());
            }
        }
    }

    private Result process(String rawQuery, FlowSecrets used) {
        PrintWriter err = environment.err();
        Map<String, String> query;
        try {
            query = parseQuery(rawQuery);
        } catch (IllegalArgumentException e) {
            err.println("The callback's query string is malformed: " + Text.shown(e.getMessage()));
            return new Result(400, ConsumerPages.error("Malformed callback", "The callback's query string is malformed.",
                    Map.of()), 1);
        }
        String error = query.get("error");
        if (error != null) {
            StringBuilder line = new StringBuilder("The authorization server returned an error: ").append(Text.shown(error));
            if (query.get("error_description") != null) {
                line.append(": ").append(Text.shown(query.get("error_description")));
            }
            if (query.get("error_hint") != null) {
                line.append(" (").append(Text.shown(query.get("error_hint"))).append(')');
            }
            err.println(line);
            Map<String, String> details = new LinkedHashMap<>();
            details.put("Error", error);
            details.put("Description", query.get("error_description"));
            details.put("Hint", query.get("error_hint"));
            details.put("Debug", query.get("error_debug"));
            return new Result(200, ConsumerPages.error("An error occurred",
                    "The authorization server returned an error: " + error, details), 1);
        }
        if (!used.stateMatches(query.get("state"))) {
            String message = query.get("state") == null
                    ? "The callback has no state, so the state does not match the one this consumer issued."
                    : "The callback's state does not match the state this consumer issued; "
                            + "the callback does not belong to this authorization request.";
            err.println(message);
            return new Result(400, ConsumerPages.error("The state does not match", message, Map.of()), 1);
        }
        String code = query.get("code");
        if (code == null || code.isEmpty()) {
            String message = "The callback has neither an authorization code nor an error.";
            err.println(message);
            return new Result(400, ConsumerPages.error("No authorization code", message, Map.of()), 1);
        }
        TokenResponse tokens;
        try {
            tokens = codeExchange.exchange(code, redirectUri, used.codeVerifier());
        } catch (CliException e) {
            err.println(e.getMessage());
            return new Result(502, ConsumerPages.error("The code exchange failed", e.getMessage(), Map.of()), 1);
        }
        return report(tokens, used);
    }

    private Result report(TokenResponse tokens, FlowSecrets used) {
        TokenReport report = TokenReport.of(tokens, validator, settings.clientId(), used.nonce(), environment);
        return new Result(200, ConsumerPages.tokens(report), report.idTokenProblem() == null ? 0 : 1);
    }

    /** The verified token's payload exactly as issued (Nimbus would turn a one-element aud array into a string). */
    static String prettyClaims(String idToken) {
        String[] parts = idToken.split("\\.");
        try {
            Map<?, ?> claims = JSON.readValue(Base64.getUrlDecoder().decode(parts[1]), TreeMap.class);
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(claims);
        } catch (IOException | RuntimeException e) {
            return parts.length > 1 ? parts[1] : idToken;
        }
    }

    /** First value of each parameter, form-decoded. */
    static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            parameters.putIfAbsent(name, value);
        }
        return parameters;
    }

    private static void send(HttpExchange exchange, int status, String html) throws IOException {
        byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "text/html; charset=utf-8");
        headers.set("Cache-Control", "no-store");
        // The callback URL carries the code: never leak it through the Referer header.
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream body = exchange.getResponseBody()) {
            body.write(bytes);
        }
    }

    private record Result(int status, String html, int exitCode) {
    }
}
