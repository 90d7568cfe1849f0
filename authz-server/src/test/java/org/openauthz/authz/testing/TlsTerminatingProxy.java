package org.openauthz.authz.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A reverse proxy that terminates TLS, as nginx or a cloud load balancer does in front of the server: it accepts
 * HTTPS with {@code certificate} and forwards each request over plain HTTP to {@code backend}, adding
 * {@code X-Forwarded-Proto: https} and {@code X-Forwarded-For} with the client's address. Responses, cookies and
 * redirects included, go back unchanged.
 */
public final class TlsTerminatingProxy implements AutoCloseable {
    /** Hop-by-hop and framing headers, which each connection sets for itself (RFC 9110 §7.6.1). */
    private static final Set<String> NOT_FORWARDED = Set.of("connection", "content-length", "host",
            "transfer-encoding", "keep-alive", "upgrade", "expect");

    private final HttpsServer server;
    private final ExecutorService workers = Executors.newFixedThreadPool(4);
    private final HttpClient backendClient = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1).build();
    private final String backend;

    public TlsTerminatingProxy(TestCertificate certificate, String backend) {
        this.backend = backend;
        try {
            server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setHttpsConfigurator(new HttpsConfigurator(certificate.serving()));
        server.setExecutor(workers);
        server.createContext("/", this::forward);
        server.start();
    }

    public String url(String path) {
        return "https://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(backend + exchange.getRequestURI()))
                    .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
                if (!NOT_FORWARDED.contains(header.getKey().toLowerCase())) {
                    header.getValue().forEach(value -> request.header(header.getKey(), value));
                }
            }
            request.header("X-Forwarded-Proto", "https");
            request.header("X-Forwarded-For", exchange.getRemoteAddress().getAddress().getHostAddress());
            HttpResponse<byte[]> response = backendClient.send(request.build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            response.headers().map().forEach((name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase()) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            exchange.sendResponseHeaders(response.statusCode(), response.body().length == 0 ? -1
                    : response.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
