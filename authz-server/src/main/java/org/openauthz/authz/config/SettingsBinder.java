package org.openauthz.authz.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Types and validates {@link RawSettings} into {@link ServerSettings}, collecting every problem so that one start
 * shows them all, each with what to change.
 */
public final class SettingsBinder {
    /** Hydra v1.10 requires at least 16 characters per system secret. */
    public static final int MIN_SECRET_LENGTH = 16;
    /** The claims of a JWT access token that the server sets itself (Hydra v1.10's list). */
    private static final Set<String> JWT_RESERVED_CLAIMS = Set.of("iss", "sub", "aud", "exp", "nbf", "iat", "jti",
            "client_id", "scp", "ext");
    /** The methods Hydra's configuration schema lists for {@code serve.*.cors.allowed_methods}, plus OPTIONS. */
    private static final Set<String> HTTP_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE",
            "CONNECT", "OPTIONS", "TRACE");
    /** scheme://host[:port], where the host part may hold one {@code *} wildcard. */
    private static final Pattern ORIGIN = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://[^/?#@\\s]+");
    /** A header name: an RFC 9110 §5.6.2 token. */
    static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Set<String> LOG_LEVELS = Set.of("panic", "fatal", "error", "warn", "warning", "info",
            "debug", "trace");

    private final RawSettings raw;
    private final List<String> problems = new ArrayList<>();

    private SettingsBinder(RawSettings raw) {
        this.raw = raw;
    }

    /** Flags that Hydra keeps out of its schema, so they have no env form. */
    public record Flags(ServerSettings.Mode mode, boolean dangerousForceHttp, List<String> allowInsecureRedirectUrls) {
        public static Flags defaults() {
            return new Flags(ServerSettings.Mode.ALL, false, List.of());
        }
    }

    public static ServerSettings bind(RawSettings raw, Flags flags) {
        return new SettingsBinder(raw).bind(flags);
    }

    private ServerSettings bind(Flags flags) {
        DatabaseUrl database = database();
        List<String> secrets = secrets();
        ServerSettings.Serve serve = serve(flags);
        ServerSettings.Urls urls = urls(serve, flags.dangerousForceHttp());
        ServerSettings.Ttl ttl = new ServerSettings.Ttl(duration(SettingKey.TTL_ACCESS_TOKEN),
                duration(SettingKey.TTL_REFRESH_TOKEN), duration(SettingKey.TTL_ID_TOKEN),
                duration(SettingKey.TTL_AUTH_CODE), duration(SettingKey.TTL_LOGIN_CONSENT_REQUEST));
        ServerSettings.Log log = log();
        ServerSettings.OAuth2 oauth2 = oauth2();
        ServerSettings.Oidc oidc = oidc();
        ServerSettings.Hooks hooks = hooks();
        ServerSettings.JwtAccessTokens jwtAccessTokens = jwtAccessTokens(oauth2, oidc);
        List<String> broadcastKeys = raw.list(SettingKey.WEBFINGER_JWKS_BROADCAST_KEYS);
        ServerSettings.PushedRequests pushedRequests = new ServerSettings.PushedRequests(
                bool(SettingKey.OAUTH2_PAR_REQUIRED), duration(SettingKey.OAUTH2_PAR_REQUEST_URI_LIFESPAN));
        ServerSettings.Registration registration = new RegistrationBinder(this).bind(oidc);
        ServerSettings.DeviceGrant deviceGrant = deviceGrant(urls);
        ServerSettings.RateLimits rateLimits = new RateLimitBinder(this).bind();
        ServerSettings.AdminAuth adminAuth = adminAuth();
        ServerSettings.Dpop dpop = dpop();
        ServerSettings.KeyRotation keyRotation = keyRotation();
        ServerSettings.Tracing tracing = new TracingBinder(this).bind();
        if (!problems.isEmpty()) {
            // Keys shared by both ports (serve.tls.*) would otherwise report one problem twice.
            throw new InvalidConfigurationException(problems.stream().distinct().toList());
        }
        List<String> cookieSecrets = raw.list(SettingKey.SECRETS_COOKIE);
        return new ServerSettings(database, secrets, urls, serve, ttl, log, oauth2, oidc,
                cookieSecrets.isEmpty() ? secrets : cookieSecrets, hooks, jwtAccessTokens, broadcastKeys,
                pushedRequests, registration, deviceGrant,
                rateLimits, adminAuth, dpop, keyRotation,
                new ServerSettings.ClientPolicy(bool(SettingKey.OAUTH2_IMPLICIT_ACCESS_TOKENS_ALLOWED_FOR_NEW_CLIENTS)), tracing);
    }

    /** A proof older than its window can never be accepted, so a zero window would refuse every DPoP request. */
    private ServerSettings.Dpop dpop() {
        Duration maxAge = nonNegativeDuration(SettingKey.OAUTH2_DPOP_PROOF_MAX_AGE);
        if (maxAge.isZero()) {
            problems.add(SettingKey.OAUTH2_DPOP_PROOF_MAX_AGE.envName() + " must be a positive duration such as 60s");
        }
        return new ServerSettings.Dpop(maxAge, nonNegativeDuration(SettingKey.OAUTH2_DPOP_PROOF_MAX_CLOCK_SKEW));
    }

    private DatabaseUrl database() {
        Optional<String> dsn = raw.string(SettingKey.DSN);
        if (dsn.isEmpty()) {
            problems.add("DSN is not set: set the environment variable DSN (or 'dsn' in the config file) to "
                    + "postgres://user:password@host:5432/db?sslmode=disable, or to 'memory' for an in-memory "
                    + "store that is lost on exit");
            return null;
        }
        try {
            return DatabaseUrl.parse(dsn.get());
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
            return null;
        }
    }

    private List<String> secrets() {
        List<String> secrets = raw.list(SettingKey.SECRETS_SYSTEM);
        if (secrets.isEmpty()) {
            problems.add("SECRETS_SYSTEM is not set: set it to a random value of at least " + MIN_SECRET_LENGTH
                    + " characters (e.g. export SECRETS_SYSTEM=$(head -c 24 /dev/urandom | base64)) and keep it: "
                    + "it encrypts keys at rest and signs tokens");
        }
        for (int i = 0; i < secrets.size(); i++) {
            if (secrets.get(i).length() < MIN_SECRET_LENGTH) {
                problems.add("SECRETS_SYSTEM entry " + (i + 1) + " has " + secrets.get(i).length()
                        + " characters: every system secret needs at least " + MIN_SECRET_LENGTH);
            }
        }
        return secrets;
    }

    private ServerSettings.Serve serve(Flags flags) {
        int publicPort = port(SettingKey.SERVE_PUBLIC_PORT);
        int adminPort = port(SettingKey.SERVE_ADMIN_PORT);
        if (flags.mode() == ServerSettings.Mode.ALL && publicPort == adminPort && publicPort > 0) {
            problems.add("SERVE_PUBLIC_PORT and SERVE_ADMIN_PORT are both " + publicPort + ": give them different ports");
        }
        boolean tls = !flags.dangerousForceHttp();
        ServerSettings.Tls portsTls = new TlsBinder(this).bind(tls, tls && bool(SettingKey.SERVE_ADMIN_TLS_ENABLED));
        String publicHost = raw.string(SettingKey.SERVE_PUBLIC_HOST).orElse("");
        String adminHost = raw.string(SettingKey.SERVE_ADMIN_HOST).orElse("");
        UnixSocketBinder sockets = new UnixSocketBinder(this);
        String sameSite = raw.string(SettingKey.SERVE_COOKIES_SAME_SITE_MODE).orElse("None");
        String normalized = switch (sameSite.toLowerCase(Locale.ROOT)) {
            case "strict" -> "Strict";
            case "lax" -> "Lax";
            case "none" -> "None";
            default -> {
                problems.add("SERVE_COOKIES_SAME_SITE_MODE must be Strict, Lax or None, not '" + sameSite + "'");
                yield "Lax";
            }
        };
        // Browsers drop SameSite=None cookies that are not Secure, so without TLS Hydra v1.10 falls back to Lax.
        if (!tls && "None".equals(normalized)) {
            normalized = "Lax";
        }
        return new ServerSettings.Serve(flags.mode(), publicHost, publicPort, adminHost, adminPort, portsTls,
                normalized,
                bool(SettingKey.SERVE_REQUEST_LOG_ENABLED), List.copyOf(flags.allowInsecureRedirectUrls()),
                new ServerSettings.Shutdown(nonNegativeDuration(SettingKey.SERVE_SHUTDOWN_DRAIN_PERIOD),
                        nonNegativeDuration(SettingKey.SERVE_SHUTDOWN_GRACE_PERIOD)),
                new ServerSettings.Overload(integer(SettingKey.SERVE_OVERLOAD_MAX_CONCURRENT_REQUESTS, 0),
                        nonNegativeDuration(SettingKey.SERVE_OVERLOAD_MAX_WAIT)),
                sockets.bind(publicHost, SettingKey.SERVE_PUBLIC_HOST, SettingKey.SERVE_PUBLIC_SOCKET_OWNER,
                        SettingKey.SERVE_PUBLIC_SOCKET_GROUP, SettingKey.SERVE_PUBLIC_SOCKET_MODE),
                sockets.bind(adminHost, SettingKey.SERVE_ADMIN_HOST, SettingKey.SERVE_ADMIN_SOCKET_OWNER,
                        SettingKey.SERVE_ADMIN_SOCKET_GROUP, SettingKey.SERVE_ADMIN_SOCKET_MODE),
                cors("PUBLIC"), cors("ADMIN"),
                bool(SettingKey.SERVE_COOKIES_SAME_SITE_LEGACY_WORKAROUND));
    }

    /** {@code serve.public.cors.*} or {@code serve.admin.cors.*}; {@code port} is PUBLIC or ADMIN. */
    private ServerSettings.Cors cors(String port) {
        String prefix = "SERVE_" + port + "_CORS_";
        SettingKey origins = SettingKey.valueOf(prefix + "ALLOWED_ORIGINS");
        for (String origin : raw.list(origins)) {
            boolean oneWildcardAtMost = origin.indexOf('*') == origin.lastIndexOf('*');
            if (!"*".equals(origin) && !(ORIGIN.matcher(origin).matches() && oneWildcardAtMost)) {
                problems.add(origins.envName() + " may hold * or origins such as https://app.example.com or "
                        + "https://*.example.com (scheme://host[:port], no path, at most one *), not '" + origin + "'");
            }
        }
        SettingKey methods = SettingKey.valueOf(prefix + "ALLOWED_METHODS");
        List<String> upperMethods = raw.list(methods).stream().map(m -> m.toUpperCase(Locale.ROOT)).toList();
        for (String method : upperMethods) {
            if (!HTTP_METHODS.contains(method)) {
                problems.add(methods.envName() + " may hold " + String.join(", ", HTTP_METHODS.stream().sorted()
                        .toList()) + ", not '" + method + "'");
            }
        }
        return new ServerSettings.Cors(bool(SettingKey.valueOf(prefix + "ENABLED")), raw.list(origins), upperMethods,
                headerNames(SettingKey.valueOf(prefix + "ALLOWED_HEADERS")),
                headerNames(SettingKey.valueOf(prefix + "EXPOSED_HEADERS")),
                bool(SettingKey.valueOf(prefix + "ALLOW_CREDENTIALS")),
                bool(SettingKey.valueOf(prefix + "OPTIONS_PASSTHROUGH")),
                integer(SettingKey.valueOf(prefix + "MAX_AGE"), 0), bool(SettingKey.valueOf(prefix + "DEBUG")));
    }

    private List<String> headerNames(SettingKey key) {
        List<String> names = raw.list(key);
        for (String name : names) {
            if (!HEADER_NAME.matcher(name).matches()) {
                problems.add(key.envName() + " must hold header names such as Authorization, not '" + name + "'");
            }
        }
        return names;
    }

    private Duration nonNegativeDuration(SettingKey key) {
        String value = raw.string(key).orElse("");
        try {
            Duration duration = GoDuration.parse(value);
            if (duration.isNegative()) {
                problems.add(key.envName() + " must not be negative, not '" + value + "'");
                return Duration.ZERO;
            }
            return duration;
        } catch (IllegalArgumentException e) {
            problems.add(key.envName() + ": " + e.getMessage());
            return Duration.ZERO;
        }
    }

    RawSettings raw() {
        return raw;
    }

    void problem(String problem) {
        problems.add(problem);
    }

    String pem(SettingKey path, SettingKey base64) {
        Optional<String> file = raw.string(path);
        if (file.isPresent()) {
            try {
                return Files.readString(Path.of(file.get()));
            } catch (Exception e) {
                problems.add(path.envName() + ": cannot read " + file.get());
                return null;
            }
        }
        Optional<String> encoded = raw.string(base64);
        if (encoded.isPresent()) {
            try {
                return new String(Base64.getMimeDecoder().decode(encoded.get()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                problems.add(base64.envName() + " is not valid base64");
            }
        }
        return null;
    }

    private ServerSettings.Urls urls(ServerSettings.Serve serve, boolean forceHttp) {
        String scheme = forceHttp ? "http" : "https";
        URI issuer = url(SettingKey.URLS_SELF_ISSUER, scheme + "://localhost:" + serve.publicPort() + "/");
        if (issuer != null && !issuer.toString().endsWith("/")) {
            issuer = URI.create(issuer + "/");
        }
        if (issuer != null && !forceHttp && "http".equals(issuer.getScheme())) {
            problems.add("URLS_SELF_ISSUER is http but TLS is on: use an https issuer, or start with "
                    + "--dangerous-force-http for plain HTTP");
        }
        URI publicBase = url(SettingKey.URLS_SELF_PUBLIC, issuer == null ? "http://localhost/" : issuer.toString());
        String fallback = publicBase == null ? "http://localhost/" : publicBase.toString();
        String base = fallback.endsWith("/") ? fallback : fallback + "/";
        return new ServerSettings.Urls(issuer, publicBase,
                url(SettingKey.URLS_LOGIN, base + "oauth2/fallbacks/login"),
                url(SettingKey.URLS_CONSENT, base + "oauth2/fallbacks/consent"),
                url(SettingKey.URLS_LOGOUT, base + "oauth2/fallbacks/logout"),
                url(SettingKey.URLS_ERROR, base + "oauth2/fallbacks/error"),
                url(SettingKey.URLS_POST_LOGOUT_REDIRECT, base + "oauth2/fallbacks/logout/callback"));
    }

    private ServerSettings.DeviceGrant deviceGrant(ServerSettings.Urls urls) {
        String base = urls.publicBase() == null ? "http://localhost/" : urls.publicUrl("");
        Duration ttl = duration(SettingKey.TTL_DEVICE_USER_CODE);
        if (ttl.compareTo(Duration.ofHours(24)) > 0) {
            // The janitor keeps wrong-code records a day; a longer-lived code would outlive its guessing limits.
            problems.add(SettingKey.TTL_DEVICE_USER_CODE.envName() + " must be at most 24h, not '"
                    + raw.string(SettingKey.TTL_DEVICE_USER_CODE).orElse("") + "'");
        }
        Duration interval = duration(SettingKey.OAUTH2_DEVICE_AUTHORIZATION_TOKEN_POLLING_INTERVAL);
        if (interval.toSeconds() < 1) {
            // RFC 8628 §3.2: interval is a number of seconds.
            problems.add(SettingKey.OAUTH2_DEVICE_AUTHORIZATION_TOKEN_POLLING_INTERVAL.envName()
                    + " must be at least 1s (whole seconds)");
        }
        return new ServerSettings.DeviceGrant(url(SettingKey.URLS_DEVICE_VERIFICATION, base + "oauth2/fallbacks/device"),
                url(SettingKey.URLS_DEVICE_SUCCESS, base + "oauth2/fallbacks/device/done"), ttl, interval);
    }

    private URI url(SettingKey key, String fallback) {
        String value = raw.string(key).orElse(fallback);
        try {
            URI uri = new URI(value);
            if (!uri.isAbsolute() || uri.getHost() == null
                    || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                problems.add(key.envName() + " must be an absolute http(s) URL, not '" + value + "'");
                return null;
            }
            return uri;
        } catch (URISyntaxException e) {
            problems.add(key.envName() + " is not a valid URL: '" + value + "'");
            return null;
        }
    }

    private int port(SettingKey key) {
        String value = raw.string(key).orElse("");
        try {
            int port = Integer.parseInt(value);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            problems.add(key.envName() + " must be a port number between 0 and 65535, not '" + value + "'");
            return 0;
        }
    }

    private Duration duration(SettingKey key) {
        String value = raw.string(key).orElse("");
        try {
            Duration duration = GoDuration.parse(value);
            if (duration.isZero() || (duration.isNegative() && key != SettingKey.TTL_REFRESH_TOKEN)) {
                problems.add(key.envName() + " must be a positive duration such as 1h or 30m, not '" + value + "'");
            }
            return duration;
        } catch (IllegalArgumentException e) {
            problems.add(key.envName() + ": " + e.getMessage());
            return Duration.ofHours(1);
        }
    }

    boolean bool(SettingKey key) {
        String value = raw.string(key).orElse("false").toLowerCase(Locale.ROOT);
        return switch (value) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> {
                problems.add(key.envName() + " must be true or false, not '" + value + "'");
                yield false;
            }
        };
    }

    int integer(SettingKey key, int min) {
        String value = raw.string(key).orElse("");
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < min) {
                problems.add(key.envName() + " must be at least " + min);
            }
            return parsed;
        } catch (NumberFormatException e) {
            problems.add(key.envName() + " must be a whole number, not '" + value + "'");
            return min;
        }
    }

    private String oneOf(SettingKey key, Set<String> allowed) {
        String value = raw.string(key).orElse("").toLowerCase(Locale.ROOT);
        if (!allowed.contains(value)) {
            problems.add(key.envName() + " must be one of " + String.join(", ", allowed.stream().sorted().toList())
                    + ", not '" + value + "'");
        }
        return value;
    }

    private ServerSettings.Log log() {
        return new ServerSettings.Log(oneOf(SettingKey.LOG_LEVEL, LOG_LEVELS),
                oneOf(SettingKey.LOG_FORMAT, Set.of("text", "json", "json_pretty")),
                bool(SettingKey.LOG_LEAK_SENSITIVE_VALUES));
    }

    private ServerSettings.OAuth2 oauth2() {
        return new ServerSettings.OAuth2(bool(SettingKey.OAUTH2_EXPOSE_INTERNAL_ERRORS),
                bool(SettingKey.OAUTH2_INCLUDE_LEGACY_ERROR_FIELDS),
                bool(SettingKey.OAUTH2_SESSION_ENCRYPT_AT_REST),
                bool(SettingKey.OAUTH2_PKCE_ENFORCED),
                bool(SettingKey.OAUTH2_PKCE_ENFORCED_FOR_PUBLIC_CLIENTS),
                bool(SettingKey.OAUTH2_CLIENT_CREDENTIALS_DEFAULT_GRANT_ALLOWED_SCOPE),
                bool(SettingKey.OAUTH2_ACCEPT_REMEMBERED_SIGN_INS),
                integer(SettingKey.OAUTH2_HASHERS_PBKDF2_ITERATIONS, 1000),
                accessTokenStrategy(),
                oneOf(SettingKey.STRATEGIES_SCOPE, Set.of("wildcard", "exact",
                        "deprecated_hierarchical_scope_strategy")));
    }

    private String accessTokenStrategy() {
        return oneOf(SettingKey.STRATEGIES_ACCESS_TOKEN, Set.of("opaque", "jwt"));
    }

    /**
     * The JWT access token keys. Pairwise subjects are refused with JWT access tokens: their {@code sub} is the real
     * subject, which a pairwise client must not learn (Hydra v1.10 turns pairwise off with a warning instead).
     * Reserved claims in {@code oauth2.allowed_top_level_claims} are refused rather than silently dropped as Hydra
     * does, since they could never appear.
     */
    private ServerSettings.JwtAccessTokens jwtAccessTokens(ServerSettings.OAuth2 oauth2, ServerSettings.Oidc oidc) {
        boolean enabled = "jwt".equals(oauth2.accessTokenStrategy());
        if (enabled && oidc.subjectTypes().contains("pairwise")) {
            problems.add("OIDC_SUBJECT_IDENTIFIERS_SUPPORTED_TYPES contains pairwise, which JWT access tokens cannot "
                    + "honour (their sub is the real subject): remove pairwise, or set STRATEGIES_ACCESS_TOKEN=opaque");
        }
        List<String> topLevel = raw.list(SettingKey.OAUTH2_ALLOWED_TOP_LEVEL_CLAIMS);
        List<String> reserved = topLevel.stream().filter(JWT_RESERVED_CLAIMS::contains).toList();
        if (!reserved.isEmpty()) {
            problems.add("OAUTH2_ALLOWED_TOP_LEVEL_CLAIMS names " + String.join(", ", reserved) + ", set by the "
                    + "server itself (" + String.join(", ", JWT_RESERVED_CLAIMS.stream().sorted().toList())
                    + "): remove " + (reserved.size() == 1 ? "it" : "them"));
        }
        String typ = raw.string(SettingKey.STRATEGIES_JWT_ACCESS_TOKEN_TYP).orElse("JWT");
        if (!typ.equalsIgnoreCase("JWT") && !typ.equalsIgnoreCase("at+jwt")) {
            problems.add("STRATEGIES_JWT_ACCESS_TOKEN_TYP must be JWT or at+jwt, not '" + typ + "'");
        }
        return new ServerSettings.JwtAccessTokens(enabled, bool(SettingKey.OAUTH2_EXCLUDE_NOT_BEFORE_CLAIM), topLevel,
                typ.equalsIgnoreCase("at+jwt"));
    }

    private ServerSettings.Oidc oidc() {
        List<String> types = raw.list(SettingKey.OIDC_SUBJECT_IDENTIFIERS_SUPPORTED_TYPES);
        String salt = raw.string(SettingKey.OIDC_SUBJECT_IDENTIFIERS_PAIRWISE_SALT).orElse(null);
        for (String type : types) {
            if (!type.equals("public") && !type.equals("pairwise")) {
                problems.add("OIDC_SUBJECT_IDENTIFIERS_SUPPORTED_TYPES may only contain public and pairwise, not '"
                        + type + "'");
            }
        }
        if (types.contains("pairwise") && (salt == null || salt.length() < 8)) {
            problems.add("OIDC_SUBJECT_IDENTIFIERS_PAIRWISE_SALT must be at least 8 characters when pairwise "
                    + "subject identifiers are supported");
        }
        int bits = integer(SettingKey.KEYS_ID_TOKEN_RSA_BITS, 2048);
        ServerSettings.Discovery discovery = new ServerSettings.Discovery(
                raw.string(SettingKey.WEBFINGER_OIDC_DISCOVERY_AUTH_URL).orElse(null),
                raw.string(SettingKey.WEBFINGER_OIDC_DISCOVERY_TOKEN_URL).orElse(null),
                raw.string(SettingKey.WEBFINGER_OIDC_DISCOVERY_JWKS_URL).orElse(null),
                raw.string(SettingKey.WEBFINGER_OIDC_DISCOVERY_USERINFO_URL).orElse(null),
                raw.string(SettingKey.WEBFINGER_OIDC_DISCOVERY_CLIENT_REGISTRATION_URL).orElse(null));
        return new ServerSettings.Oidc(types.isEmpty() ? List.of("public") : types, salt,
                raw.string(SettingKey.OIDC_DYNAMIC_CLIENT_REGISTRATION_DEFAULT_SCOPE).orElse(""),
                raw.list(SettingKey.WEBFINGER_OIDC_DISCOVERY_SUPPORTED_CLAIMS),
                raw.list(SettingKey.WEBFINGER_OIDC_DISCOVERY_SUPPORTED_SCOPE), discovery, bits);
    }

    private ServerSettings.Hooks hooks() {
        Duration timeout = nonNegativeDuration(SettingKey.OAUTH2_TOKEN_HOOK_TIMEOUT);
        if (timeout.isZero()) {
            problems.add(SettingKey.OAUTH2_TOKEN_HOOK_TIMEOUT.envName() + " must be a positive duration such as 5s");
            timeout = Duration.ofSeconds(5);
        }
        return new ServerSettings.Hooks(optionalUrl(SettingKey.OAUTH2_REFRESH_TOKEN_HOOK),
                optionalUrl(SettingKey.OAUTH2_TOKEN_HOOK), timeout);
    }

    /** An absolute http(s) URL, or null when the key is not set. */
    private URI optionalUrl(SettingKey key) {
        return raw.string(key).filter(value -> !value.isBlank()).map(value -> url(key, value)).orElse(null);
    }

    private ServerSettings.AdminAuth adminAuth() {
        String required = raw.string(SettingKey.SERVE_ADMIN_AUTH_REQUIRED_SCOPE).orElse("").trim();
        String introspection = raw.string(SettingKey.SERVE_ADMIN_AUTH_INTROSPECTION_SCOPE).orElse("").trim();
        for (SettingKey key : List.of(SettingKey.SERVE_ADMIN_AUTH_REQUIRED_SCOPE,
                SettingKey.SERVE_ADMIN_AUTH_INTROSPECTION_SCOPE)) {
            String scope = raw.string(key).orElse("").trim();
            // RFC 6749 §3.3: a scope token is one or more printable ASCII characters other than space, " and \.
            if (!scope.matches("[\\x21\\x23-\\x5B\\x5D-\\x7E]+")) {
                problems.add(key.envName() + " must be one scope such as admin, not '" + scope + "'");
            }
        }
        return new ServerSettings.AdminAuth(bool(SettingKey.SERVE_ADMIN_AUTH_ENABLED), required, introspection);
    }

    private ServerSettings.KeyRotation keyRotation() {
        Duration interval = nonNegativeDuration(SettingKey.KEYS_ROTATION_INTERVAL);
        Duration prepublish = nonNegativeDuration(SettingKey.KEYS_ROTATION_PREPUBLISH);
        if (!interval.isZero() && (prepublish.isZero() || prepublish.compareTo(interval) >= 0)) {
            problems.add(SettingKey.KEYS_ROTATION_PREPUBLISH.envName() + " must be positive and shorter than "
                    + SettingKey.KEYS_ROTATION_INTERVAL.envName() + " (a next key is published that long before it "
                    + "signs), not '" + raw.string(SettingKey.KEYS_ROTATION_PREPUBLISH).orElse("") + "' with an "
                    + "interval of '" + raw.string(SettingKey.KEYS_ROTATION_INTERVAL).orElse("") + "'");
        }
        return new ServerSettings.KeyRotation(interval, prepublish);
    }
}
