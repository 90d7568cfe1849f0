package org.openauthz.loginconsent;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the app is told through its environment, with the names of Hydra's example login and consent app
 * (<a href="https://github.com/ory/hydra-login-consent-node">ory/hydra-login-consent-node</a>):
 * {@code HYDRA_ADMIN_URL} (required), {@code PORT} (default 3000),
 * {@code MOCK_TLS_TERMINATION}; plus {@code USERS_FILE}, {@code LOG_LEVEL} and the admin API credentials
 * ({@link AdminAuth}) of our own.
 *
 * @param adminUrl           base URL of the authorization server's admin API, without a trailing slash
 * @param port               port of the pages, on all interfaces
 * @param usersFile          YAML users file; empty means the demo user
 * @param mockTlsTermination send {@code X-Forwarded-Proto: https} to the admin API, for an admin port that insists on
 *                           TLS while we talk plain HTTP to it (as the example app does)
 * @param logLevel           Logback level name
 * @param adminAuth          how to authenticate to an admin API that requires bearer tokens; empty: not at all
 */
public record AppSettings(URI adminUrl, int port, Optional<Path> usersFile, boolean mockTlsTermination,
                          String logLevel, Optional<AdminAuth> adminAuth) {
    public static final int DEFAULT_PORT = 3000;
    private static final Set<String> LOG_LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");
    private static final Set<String> FALSE = Set.of("", "0", "false", "no", "off");

    public AppSettings {
        Objects.requireNonNull(adminUrl, "adminUrl");
        Objects.requireNonNull(usersFile, "usersFile");
        Objects.requireNonNull(logLevel, "logLevel");
        Objects.requireNonNull(adminAuth, "adminAuth");
    }

    /**
     * Credentials for the admin API (the server's {@code serve.admin.auth.enabled}): either a client of the server's
     * own with the admin scope, whose tokens the app fetches from {@code tokenUrl} with the client credentials grant
     * and renews before they expire ({@code HYDRA_ADMIN_CLIENT_ID}, {@code HYDRA_ADMIN_CLIENT_SECRET},
     * {@code HYDRA_TOKEN_URL}, {@code HYDRA_ADMIN_SCOPE}), or a fixed token ({@code HYDRA_ADMIN_TOKEN}), which stops
     * working when it expires.
     */
    public record AdminAuth(String fixedToken, URI tokenUrl, String clientId, String clientSecret, String scope) {
    }

    /**
     * Reads the settings.
     *
     * @throws ConfigurationProblem naming the variable and what to put in it
     */
    public static AppSettings fromEnvironment(Map<String, String> env) {
        return new AppSettings(adminUrl(env.get("HYDRA_ADMIN_URL")), port(env.get("PORT")),
                Optional.ofNullable(env.get("USERS_FILE")).map(String::strip).filter(s -> !s.isEmpty()).map(Path::of),
                !FALSE.contains(value(env.get("MOCK_TLS_TERMINATION")).toLowerCase(Locale.ROOT)),
                logLevel(env.get("LOG_LEVEL")), adminAuth(env));
    }

    private static Optional<AdminAuth> adminAuth(Map<String, String> env) {
        String fixed = value(env.get("HYDRA_ADMIN_TOKEN"));
        String clientId = value(env.get("HYDRA_ADMIN_CLIENT_ID"));
        if (clientId.isEmpty()) {
            return fixed.isEmpty() ? Optional.empty() : Optional.of(new AdminAuth(fixed, null, null, null, null));
        }
        String secret = value(env.get("HYDRA_ADMIN_CLIENT_SECRET"));
        String tokenUrl = value(env.get("HYDRA_TOKEN_URL"));
        if (secret.isEmpty() || tokenUrl.isEmpty()) {
            throw new ConfigurationProblem("HYDRA_ADMIN_CLIENT_ID is set, so HYDRA_ADMIN_CLIENT_SECRET and "
                    + "HYDRA_TOKEN_URL (the server's token endpoint, e.g. http://127.0.0.1:9000/oauth2/token) "
                    + "must be set too");
        }
        URI url = httpUrl("HYDRA_TOKEN_URL", tokenUrl, "http://127.0.0.1:9000/oauth2/token");
        String scope = value(env.get("HYDRA_ADMIN_SCOPE"));
        return Optional.of(new AdminAuth(null, url, clientId, secret, scope.isEmpty() ? "admin" : scope));
    }

    private static URI adminUrl(String raw) {
        String text = value(raw);
        if (text.isEmpty()) {
            throw new ConfigurationProblem("HYDRA_ADMIN_URL is not set: point it at the authorization server's "
                    + "admin API, e.g. HYDRA_ADMIN_URL=http://127.0.0.1:9001");
        }
        URI uri = httpUrl("HYDRA_ADMIN_URL", text, "http://127.0.0.1:9001");
        if (uri.getQuery() != null || uri.getFragment() != null) {
            throw new ConfigurationProblem("HYDRA_ADMIN_URL must not have a query or fragment");
        }
        // The generated client appends paths such as "/oauth2/auth/requests/login" to this base.
        return URI.create(text.replaceAll("/+$", ""));
    }

    /** {@code text} as an absolute http(s) URL with a host, or a problem naming {@code variable}. */
    private static URI httpUrl(String variable, String text, String example) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new ConfigurationProblem(variable + " is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new ConfigurationProblem(variable + " must be an http:// or https:// URL with a host, e.g. "
                    + example);
        }
        return uri;
    }

    private static int port(String raw) {
        String text = value(raw);
        if (text.isEmpty()) {
            return DEFAULT_PORT;
        }
        try {
            int port = Integer.parseInt(text);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new ConfigurationProblem("PORT must be a number from 0 to 65535");
    }

    private static String logLevel(String raw) {
        String text = value(raw).toUpperCase(Locale.ROOT);
        if (text.isEmpty()) {
            return "WARN";
        }
        if (text.equals("WARNING")) {
            return "WARN";
        }
        if (!LOG_LEVELS.contains(text)) {
            throw new ConfigurationProblem("LOG_LEVEL must be one of trace, debug, info, warn, error, off");
        }
        return text;
    }

    private static String value(String raw) {
        return raw == null ? "" : raw.strip();
    }

    /** A setting the operator has to fix; the message is meant to be printed as it is. */
    public static final class ConfigurationProblem extends RuntimeException {
        public ConfigurationProblem(String message) {
            super(message);
        }
    }
}
