package org.openauthz.authz.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openauthz.authz.testing.TestServer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.UnixDomainSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Shared helpers for the HTTP integration tests of this package: JSON parsing, form encoding, client and token
 * set-up through the real endpoints, and a raw-socket request for inputs {@link java.net.http.HttpClient} refuses to
 * send (malformed URIs). Public so that subpackages (the generated-client contract test) can use it too.
 */
public final class ApiFixtures {
    public static final ObjectMapper JSON = new ObjectMapper();

    /** Hydra v1 opaque token: base64url(32 bytes) "." base64url(32-byte HMAC), no padding, as fosite makes them. */
    public static final Pattern OPAQUE_TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}\\.[A-Za-z0-9_-]{43}");

    private ApiFixtures() {
    }

    /** A client id no other test uses, so tests sharing one server (and database) never collide. */
    public static String uniqueId(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    public static JsonNode json(HttpResponse<String> response) {
        return parse(response.body());
    }

    public static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return fail("not JSON: " + body, e);
        }
    }

    public static ObjectNode object() {
        return JSON.createObjectNode();
    }

    /** {@code application/x-www-form-urlencoded} from name/value pairs (HTML 4.01 §17.13.4.1, as RFC 6749 uses). */
    public static String form(String... namesAndValues) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(URLEncoder.encode(namesAndValues[i], StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(namesAndValues[i + 1], StandardCharsets.UTF_8));
        }
        return out.toString();
    }

    /** Any request; {@code headers} are name/value pairs. A null body sends none. */
    public static HttpResponse<String> send(TestServer server, String method, String url, String contentType,
                                            String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return server.send(request.build());
    }

    /** POST /clients on the admin port; asserts 201 and returns the created client (with its secret). */
    public static JsonNode createClient(TestServer server, String body) {
        HttpResponse<String> created = server.json("POST", server.adminUrl("/clients"), body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created);
    }

    /** A confidential client_credentials client authenticating with client_secret_basic. */
    public static String createClientCredentialsClient(TestServer server, String id, String secret, String scope) {
        ObjectNode body = object().put("client_id", id).put("client_secret", secret);
        body.putArray("grant_types").add("client_credentials");
        if (scope != null) {
            body.put("scope", scope);
        }
        createClient(server, body.toString());
        return id;
    }

    /** Client credentials grant with HTTP Basic; asserts 200 and returns the access token. */
    public static String accessToken(TestServer server, String clientId, String secret, String... extraForm) {
        HttpResponse<String> response = tokenRequest(server, clientId, secret, extraForm);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response).path("access_token").asText();
    }

    public static HttpResponse<String> tokenRequest(TestServer server, String clientId, String secret,
                                                    String... extraForm) {
        String extra = form(extraForm);
        return server.postForm(server.publicUrl("/oauth2/token"),
                "grant_type=client_credentials" + (extra.isEmpty() ? "" : "&" + extra),
                clientId, secret);
    }

    public static JsonNode introspect(TestServer server, String token, String... extraForm) {
        String extra = form(extraForm);
        HttpResponse<String> response = server.postForm(server.adminUrl("/oauth2/introspect"),
                form("token", token) + (extra.isEmpty() ? "" : "&" + extra), null, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    /** X-Total-Count of GET /clients: how many clients the server has stored. */
    public static long clientCount(TestServer server) {
        HttpResponse<String> list = server.get(server.adminUrl("/clients?limit=1"));
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        return Long.parseLong(list.headers().firstValue("X-Total-Count").orElseThrow());
    }

    /**
     * Asserts Hydra v1.10's flat JSON error shape: the status, a JSON content type, and the {@code error}
     * name; returns the body for further checks.
     */
    public static JsonNode assertJsonError(HttpResponse<String> response, int status, String error) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).as("content type")
                .startsWith("application/json");
        JsonNode body = json(response);
        assertThat(body.path("error").asText()).as(response.body()).isEqualTo(error);
        return body;
    }

    /** An HTTP/1.1 response read off a raw socket. */
    public record RawResponse(int status, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /**
     * Sends {@code requestLine} (e.g. {@code GET /%zz HTTP/1.1}) with a Host header and {@code Connection: close}
     * over a plain socket, for requests that {@link java.net.http.HttpClient} will not build.
     */
    public static RawResponse raw(int port, String requestLine, String... extraHeaderLines) {
        return rawFrom("127.0.0.1", port, requestLine, extraHeaderLines);
    }

    /** {@link #raw} from the loopback address {@code localAddress} (any of 127.0.0.0/8), so the server sees it. */
    public static RawResponse rawFrom(String localAddress, int port, String requestLine, String... extraHeaderLines) {
        try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), port,
                InetAddress.getByName(localAddress), 0)) {
            socket.setSoTimeout(10_000);
            return exchange(socket.getInputStream(), socket.getOutputStream(), "127.0.0.1:" + port, requestLine,
                    "", extraHeaderLines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@link #rawFrom} for {@code POST path} with a form body. */
    public static RawResponse rawFormFrom(String localAddress, int port, String path, String form,
                                          String... extraHeaderLines) {
        try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), port,
                InetAddress.getByName(localAddress), 0)) {
            socket.setSoTimeout(10_000);
            String[] headers = new String[extraHeaderLines.length + 2];
            headers[0] = "Content-Type: application/x-www-form-urlencoded";
            headers[1] = "Content-Length: " + form.getBytes(StandardCharsets.UTF_8).length;
            System.arraycopy(extraHeaderLines, 0, headers, 2, extraHeaderLines.length);
            return exchange(socket.getInputStream(), socket.getOutputStream(), "127.0.0.1:" + port,
                    "POST " + path + " HTTP/1.1", form, headers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@link #raw} over a unix domain socket. */
    public static RawResponse rawOverUnixSocket(Path socket, String requestLine, String... extraHeaderLines) {
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            return exchange(Channels.newInputStream(channel), Channels.newOutputStream(channel), "localhost",
                    requestLine, "", extraHeaderLines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RawResponse exchange(InputStream in, OutputStream out, String host, String requestLine,
                                        String body, String... extraHeaderLines) throws IOException {
        StringBuilder request = new StringBuilder(requestLine).append("\r\nHost: ").append(host)
                .append("\r\nConnection: close\r\n");
        for (String line : extraHeaderLines) {
            request.append(line).append("\r\n");
        }
        request.append("\r\n");
        out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(body.getBytes(StandardCharsets.UTF_8));
        out.flush();
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        in.transferTo(buffer);
        return parseRaw(buffer.toString(StandardCharsets.UTF_8));
    }

    /** Parses a whole HTTP/1.1 response as read off a socket that the server closed after it. */
    public static RawResponse parseRaw(String text) {
        int headerEnd = text.indexOf("\r\n\r\n");
        assertThat(headerEnd).as("complete HTTP response: " + text).isPositive();
        String[] lines = text.substring(0, headerEnd).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1)
                    .trim());
        }
        String body = text.substring(headerEnd + 4);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(body);
        }
        return new RawResponse(status, headers, body);
    }

    private static String dechunk(String chunked) {
        StringBuilder out = new StringBuilder();
        int pos = 0;
        while (pos < chunked.length()) {
            int lineEnd = chunked.indexOf("\r\n", pos);
            int size = Integer.parseInt(chunked.substring(pos, lineEnd).split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            out.append(chunked, lineEnd + 2, lineEnd + 2 + size);
            pos = lineEnd + 2 + size + 2;
        }
        return out.toString();
    }
}
