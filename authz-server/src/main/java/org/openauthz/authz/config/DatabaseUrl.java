package org.openauthz.authz.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A Hydra DSN: {@code memory}, or {@code postgres://user:pass@host:port/db?sslmode=disable&max_conns=N}
 * ({@code postgresql://} and {@code cockroach://} schemes are read as PostgreSQL).
 *
 * @param jdbcUrl  JDBC URL for the PostgreSQL driver, null for memory
 * @param maxConns pool size from {@code max_conns}, default 16 (a pool of 4 measured slower, see docs/performance.md)
 */
public record DatabaseUrl(boolean memory, String jdbcUrl, String user, String password, int maxConns) {
    private static final Set<String> POOL_PARAMS = Set.of("max_conns", "max_idle_conns", "max_conn_lifetime",
            "max_conn_idle_time");
    private static final Set<String> PG_SCHEMES = Set.of("postgres", "postgresql", "cockroach");

    public static DatabaseUrl parse(String dsn) {
        if ("memory".equals(dsn)) {
            return new DatabaseUrl(true, null, null, null, 0);
        }
        URI uri;
        try {
            uri = new URI(dsn);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("DSN is not a URL (expected postgres://user:password@host:5432/db"
                    + "?sslmode=disable, or memory)");
        }
        if (uri.getScheme() == null || !PG_SCHEMES.contains(uri.getScheme())) {
            throw new IllegalArgumentException("DSN scheme '" + uri.getScheme() + "' is not supported: use "
                    + "postgres://user:password@host:5432/db?sslmode=disable, or memory");
        }
        if (uri.getHost() == null || uri.getPath() == null || uri.getPath().length() < 2) {
            throw new IllegalArgumentException("DSN needs a host and a database name, e.g. "
                    + "postgres://hydra:secret@127.0.0.1:5432/hydra?sslmode=disable");
        }
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            password = parts.length > 1 ? decode(parts[1]) : null;
        }
        Map<String, String> params = query(uri.getRawQuery());
        int maxConns = 16;
        if (params.containsKey("max_conns")) {
            try {
                maxConns = Integer.parseInt(params.get("max_conns"));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("DSN parameter max_conns must be a whole number");
            }
            if (maxConns < 1) {
                throw new IllegalArgumentException("DSN parameter max_conns must be at least 1");
            }
        }
        StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(uri.getHost());
        if (uri.getPort() > 0) {
            jdbc.append(':').append(uri.getPort());
        }
        jdbc.append(uri.getRawPath());
        String sep = "?";
        for (Map.Entry<String, String> param : params.entrySet()) {
            if (!POOL_PARAMS.contains(param.getKey())) {
                jdbc.append(sep).append(encode(param.getKey())).append('=').append(encode(param.getValue()));
                sep = "&";
            }
        }
        return new DatabaseUrl(false, jdbc.toString(), user, password, maxConns);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            String[] kv = pair.split("=", 2);
            out.put(decode(kv[0]), kv.length > 1 ? decode(kv[1]) : "");
        }
        return out;
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Percent-decoding of URL parts (RFC 3986 §2.1); unlike form decoding, '+' stays '+' (as Go's url.Parse). */
    private static String decode(String value) {
        return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return memory ? "memory" : jdbcUrl + " (user " + user + ", pool " + maxConns + ")";
    }
}
