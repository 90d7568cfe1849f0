package org.openauthz.loginconsent.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for the authorization server's admin API: answers the login, consent and logout calls with canned JSON
 * and records every request it receives, so that tests can check exactly what the app sent.
 */
public final class FakeAdminApi implements AutoCloseable {
    public static final String REDIRECT_BASE = "http://hydra.test/oauth2/auth?client_id=app&state=s1";

    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private FakeAdminApi(HttpServer server) {
        this.server = server;
    }

    public static FakeAdminApi start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        FakeAdminApi fake = new FakeAdminApi(server);
        server.createContext("/", fake::handle);
        server.start();
        return fake;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** What {@code GET /oauth2/auth/requests/<flow>?<flow>_challenge=<challenge>} answers. */
    public void onGet(String flow, String challenge, int status, String json) {
        answers.put(key("GET", "/oauth2/auth/requests/" + flow, challenge), new Answer(status, json));
    }

    /** Overrides what {@code PUT /oauth2/auth/requests/<flow>/<action>} answers for one challenge. */
    public void onPut(String flow, String action, String challenge, int status, String json) {
        answers.put(key("PUT", "/oauth2/auth/requests/" + flow + "/" + action, challenge), new Answer(status, json));
    }

    /** The default {@code redirect_to} of an accept or reject. */
    public static String redirectTo(String flow, String action, String challenge) {
        return REDIRECT_BASE + "&" + flow + "_verifier=" + action + "-" + challenge;
    }

    /**
     * The default {@code redirect_to} of a logout accept: the server's end-session endpoint with a verifier, as Hydra
     * v1.10 answers.
     */
    public static String logoutRedirectTo(String challenge) {
        return "http://hydra.test/oauth2/sessions/logout?logout_verifier=accept-" + challenge;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** The last request to a path, e.g. {@code /oauth2/auth/requests/login/accept}. */
    public Optional<Received> last(String path) {
        for (int i = received.size() - 1; i >= 0; i--) {
            if (received.get(i).path().equals(path)) {
                return Optional.of(received.get(i));
            }
        }
        return Optional.empty();
    }

    public void clear() {
        received.clear();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        received.add(new Received(exchange.getRequestMethod(), path, query, body,
                Optional.ofNullable(exchange.getRequestHeaders().getFirst("X-Forwarded-Proto")).orElse("")));
        String flow = path.replaceFirst("^/oauth2/auth/requests/([a-z]+).*$", "$1");
        String challenge = query.getOrDefault(flow + "_challenge", query.get("challenge"));
        Answer answer = answers.get(key(exchange.getRequestMethod(), path, challenge));
        if (answer == null) {
            answer = defaultAnswer(exchange.getRequestMethod(), path, flow, challenge);
        }
        byte[] bytes = answer.json().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Answer defaultAnswer(String method, String path, String flow, String challenge) {
        if (path.equals("/health/alive")) {
            return new Answer(200, "{\"status\":\"ok\"}");
        }
        if (method.equals("PUT") && path.equals("/oauth2/auth/requests/logout/accept")) {
            return new Answer(200, "{\"redirect_to\":\"" + logoutRedirectTo(challenge) + "\"}");
        }
        if (method.equals("PUT") && path.equals("/oauth2/auth/requests/logout/reject")) {
            // Hydra v1.10 answers a rejected logout with 204 and no body.
            return new Answer(204, "");
        }
        if (method.equals("PUT") && path.matches("/oauth2/auth/requests/(login|consent)/(accept|reject)")) {
            String action = path.substring(path.lastIndexOf('/') + 1);
            return new Answer(200, "{\"redirect_to\":\"" + redirectTo(flow, action, challenge) + "\"}");
        }
        // Hydra v1.10's answer for an unknown challenge (docs/custom-idp.md §5).
        return new Answer(404, "{\"error\":\"Not Found\",\"error_description\":\"Unable to located the requested "
                + "resource\"}");
    }

    private static String key(String method, String path, String challenge) {
        return method + " " + path + " " + challenge;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                String[] kv = pair.split("=", 2);
                query.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        return query;
    }

    private record Answer(int status, String json) {
    }

    /** One request the fake received. */
    public record Received(String method, String path, Map<String, String> query, String body,
                           String forwardedProto) {
    }
}
