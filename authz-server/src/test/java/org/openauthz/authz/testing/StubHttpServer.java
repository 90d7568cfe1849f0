package org.openauthz.authz.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on a random loopback port that the server under test calls out to (sector identifier documents,
 * token hooks). Each path answers what the test last told it to, and every request body is kept for the test to read.
 */
public final class StubHttpServer implements AutoCloseable {
    /**
     * What a path answers, after {@code delay} (to provoke timeouts): before the headers, or, when
     * {@code headersFirst}, between the headers and the body.
     */
    public record Answer(int status, String json, Duration delay, boolean headersFirst) {
        public static Answer of(int status, String json) {
            return new Answer(status, json, Duration.ZERO, false);
        }

        /** Nothing at all for {@code delay}. */
        public static Answer slow(int status, String json, Duration delay) {
            return new Answer(status, json, delay, false);
        }

        /** The headers at once, the body after {@code delay}. */
        public static Answer stallingBody(int status, String json, Duration delay) {
            return new Answer(status, json, delay, true);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final Map<String, List<String>> received = new ConcurrentHashMap<>();

    private StubHttpServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public static StubHttpServer start() {
        try {
            return new StubHttpServer();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code path} (e.g. "/hook") answers {@code answer} from now on; unknown paths answer 404. */
    public void answer(String path, Answer answer) {
        answers.put(path, answer);
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The bodies posted to {@code path} so far, oldest first. */
    public List<String> received(String path) {
        return List.copyOf(received.getOrDefault(path, List.of()));
    }

    public void forget() {
        received.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            received.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>())
                    .add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            Answer answer = answers.getOrDefault(path, Answer.of(404, null));
            if (!answer.headersFirst()) {
                Thread.sleep(answer.delay().toMillis());
            }
            if (answer.json() == null) {
                exchange.sendResponseHeaders(answer.status(), -1);
                return;
            }
            byte[] body = answer.json().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                if (answer.headersFirst()) {
                    out.flush();
                    Thread.sleep(answer.delay().toMillis());
                }
                out.write(body);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
