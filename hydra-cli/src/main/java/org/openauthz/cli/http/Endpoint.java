package org.openauthz.cli.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.openauthz.cli.CliException;

/**
 * A resolved server base URL (no trailing slash) plus the name of the API it points at, used in
 * error messages such as "Could not reach the admin API at http://...". An endpoint {@code unix:///path/to.sock}
 * (as Hydra's CLI takes it) is plain HTTP over that unix domain socket: {@code unixSocket} is its path and the base
 * URL is {@code http://localhost}.
 */
public record Endpoint(String baseUrl, String apiName, Path unixSocket) {
    private static final String UNIX_PREFIX = "unix:";

    public Endpoint(String baseUrl, String apiName) {
        this(baseUrl, apiName, null);
    }

    /**
     * Picks the {@code --endpoint} flag, else the first set environment variable, and validates it.
     *
     * @param environmentValue the value of the first non-empty variable, or null
     * @param variableName the variable named in the "missing endpoint" message
     */
    public static Endpoint resolve(String flagValue, String environmentValue, String variableName, String apiName) {
        String raw = flagValue != null && !flagValue.isBlank() ? flagValue.trim() : environmentValue;
        if (raw == null || raw.isBlank()) {
            throw new CliException("No " + apiName + " endpoint given: pass --endpoint or set the "
                    + variableName + " environment variable (for example http://127.0.0.1:"
                    + ("HYDRA_URL".equals(variableName) ? "4444" : "4445") + ")");
        }
        if (raw.startsWith(UNIX_PREFIX)) {
            return unixSocket(raw, apiName);
        }
        URI uri;
        try {
            uri = new URI(raw);
        } catch (URISyntaxException e) {
            throw new CliException("The " + apiName + " endpoint " + raw + " is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                || uri.getHost() == null) {
            throw new CliException("The " + apiName + " endpoint " + raw
                    + " must be an absolute http:// or https:// URL such as http://127.0.0.1:4445");
        }
        String base = raw;
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return new Endpoint(base, apiName);
    }

    /** {@code unix:///run/hydra/admin.sock}, or {@code unix:/run/hydra/admin.sock}. */
    private static Endpoint unixSocket(String raw, String apiName) {
        String path = raw.substring(UNIX_PREFIX.length());
        if (path.startsWith("//")) {
            path = path.substring(2);
        }
        if (!path.startsWith("/") || path.length() == 1) {
            throw new CliException("The " + apiName + " endpoint " + raw
                    + " must name an absolute socket path such as unix:///run/hydra/admin.sock");
        }
        return new Endpoint("http://localhost", apiName, Path.of(path));
    }

    /** Where the server is, for messages: the URL, or the unix socket. */
    public String location() {
        return unixSocket == null ? baseUrl : UNIX_PREFIX + "//" + unixSocket;
    }

    /** {@code path} must start with '/'. */
    public String url(String path) {
        return baseUrl + path;
    }
}
