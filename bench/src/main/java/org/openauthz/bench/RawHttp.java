package org.openauthz.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A minimal HTTP/1.1 client for the load generator: one keep-alive socket per origin, blocking I/O, a cookie jar
 * for the public origin. The JDK's {@code HttpClient} spends about a millisecond of CPU per request on its selector
 * and futures; on a two-core box shared with the server that halved the measured flow rate. This spends tens of
 * microseconds, like wrk. Loopback benchmarking only: no TLS, no redirects, no proxy.
 */
final class RawHttp implements AutoCloseable {
    /** Status, headers (lower-case names; the last value wins) and body of one response. */
    record Response(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name);
        }
    }

    private record Connection(Socket socket, InputStream in, OutputStream out) {
    }

    private final Map<String, Connection> connections = new HashMap<>();
    private final Map<String, String> cookies = new LinkedHashMap<>();

    Response get(String url) throws IOException {
        return send("GET", URI.create(url), null, null, null);
    }

    Response put(String url, String json) throws IOException {
        return send("PUT", URI.create(url), "application/json", json, null);
    }

    Response postForm(String url, String form, String authorization) throws IOException {
        return postForm(url, form, authorization, null);
    }

    /** With a {@code DPoP} proof header (RFC 9449 §4.1) when {@code dpop} is not null. */
    Response postForm(String url, String form, String authorization, String dpop) throws IOException {
        return send("POST", URI.create(url), "application/x-www-form-urlencoded", form, authorization, dpop);
    }

    private Response send(String method, URI uri, String contentType, String body, String authorization)
            throws IOException {
        return send(method, uri, contentType, body, authorization, null);
    }

    private Response send(String method, URI uri, String contentType, String body, String authorization,
                          String dpop) throws IOException {
        String origin = uri.getHost() + ":" + uri.getPort();
        byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(256).append(method).append(' ').append(uri.getRawPath());
        if (uri.getRawQuery() != null) {
            head.append('?').append(uri.getRawQuery());
        }
        head.append(" HTTP/1.1\r\nHost: ").append(origin).append("\r\n");
        if (contentType != null) {
            head.append("Content-Type: ").append(contentType).append("\r\nContent-Length: ").append(payload.length)
                    .append("\r\n");
        }
        if (authorization != null) {
            head.append("Authorization: ").append(authorization).append("\r\n");
        }
        if (dpop != null) {
            head.append("DPoP: ").append(dpop).append("\r\n");
        }
        if (!cookies.isEmpty()) {
            head.append("Cookie: ");
            cookies.forEach((name, value) -> head.append(name).append('=').append(value).append("; "));
            head.setLength(head.length() - 2);
            head.append("\r\n");
        }
        head.append("\r\n");
        Connection connection = connection(uri, origin);
        try {
            connection.out().write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            connection.out().write(payload);
            connection.out().flush();
            return read(connection.in());
        } catch (IOException e) {
            close(origin);
            throw e;
        }
    }

    private Connection connection(URI uri, String origin) throws IOException {
        Connection existing = connections.get(origin);
        if (existing != null) {
            return existing;
        }
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5_000);
        socket.setSoTimeout(30_000);
        Connection created = new Connection(socket, new BufferedInputStream(socket.getInputStream(), 16_384),
                socket.getOutputStream());
        connections.put(origin, created);
        return created;
    }

    private Response read(InputStream in) throws IOException {
        String statusLine = line(in);
        int status = Integer.parseInt(statusLine.substring(9, 12));
        Map<String, String> headers = new HashMap<>();
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            String name = line.substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            headers.put(name, value);
            if (name.equals("set-cookie")) {
                remember(value);
            }
        }
        byte[] body;
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int size = Integer.parseInt(line(in).split(";")[0].trim(), 16); size > 0;
                 size = Integer.parseInt(line(in).split(";")[0].trim(), 16)) {
                out.write(in.readNBytes(size));
                line(in);
            }
            line(in);
            body = out.toByteArray();
        } else {
            String length = headers.get("content-length");
            body = in.readNBytes(length == null ? 0 : Integer.parseInt(length));
        }
        return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    /** Keeps name=value; an empty value or Max-Age=0 deletes the cookie. */
    private void remember(String setCookie) {
        String pair = setCookie.split(";", 2)[0];
        int eq = pair.indexOf('=');
        String name = pair.substring(0, eq).trim();
        String value = pair.substring(eq + 1).trim();
        if (value.isEmpty() || setCookie.toLowerCase(java.util.Locale.ROOT).contains("max-age=0")) {
            cookies.remove(name);
        } else {
            cookies.put(name, value);
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder(64);
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed by the server");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    private void close(String origin) {
        Connection connection = connections.remove(origin);
        if (connection != null) {
            try {
                connection.socket().close();
            } catch (IOException ignored) {
                // already broken; the next request opens a new connection
            }
        }
    }

    @Override
    public void close() {
        for (String origin : Map.copyOf(connections).keySet()) {
            close(origin);
        }
    }
}
