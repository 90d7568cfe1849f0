package org.openauthz.cli.http;

import java.net.URI;
import java.net.URISyntaxException;
import org.openauthz.cli.CliException;

/**
 * A resolved server base URL (no trailing slash) plus the name of the API it points at, used in
 * error messages such as "Could not reach the admin API at http://...".
 */
public record Endpoint(String baseUrl, String apiName) {

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
        if (raw.startsWith("unix:")) {
            throw new CliException("The " + apiName + " endpoint " + raw
                    + " is a unix socket, which this CLI does not support; use an http:// or https:// URL");
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

    /** {@code path} must start with '/'. */
    public String url(String path) {
        return baseUrl + path;
    }
}
