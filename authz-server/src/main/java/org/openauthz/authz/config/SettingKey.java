package org.openauthz.authz.config;

import java.util.Locale;

/**
 * One configuration key of Hydra v1.10's schema (all listed in docs/configuration.md), with its environment variable
 * and default. The environment variable is the key upper-cased with dots as underscores, as Hydra's configx derives it.
 */
public enum SettingKey {
    DSN("dsn", null, "Database: postgres://user:pass@host:port/db?sslmode=disable&max_conns=N, or memory"),
    SECRETS_SYSTEM("secrets.system", null, "System secrets (list); the first encrypts and signs, all decrypt"),
    SECRETS_COOKIE("secrets.cookie", null, "Cookie secrets (list); defaults to the system secrets"),
    URLS_SELF_ISSUER("urls.self.issuer", null, "Issuer URL; always ends with /"),
    URLS_SELF_PUBLIC("urls.self.public", null, "Public base URL of the server; defaults to the issuer"),
    URLS_LOGIN("urls.login", null, "Login UI; defaults to <public>/oauth2/fallbacks/login"),
    URLS_CONSENT("urls.consent", null, "Consent UI; defaults to <public>/oauth2/fallbacks/consent"),
    URLS_LOGOUT("urls.logout", null, "Logout UI; defaults to <public>/oauth2/fallbacks/logout"),
    URLS_ERROR("urls.error", null, "Error page; defaults to <public>/oauth2/fallbacks/error"),
    URLS_POST_LOGOUT_REDIRECT("urls.post_logout_redirect", null,
            "Where to go after logout; defaults to <public>/oauth2/fallbacks/logout/callback"),
    SERVE_PUBLIC_PORT("serve.public.port", "4444", "Public port"),
    SERVE_PUBLIC_HOST("serve.public.host", "", "Public interface (empty = all)"),
    SERVE_ADMIN_PORT("serve.admin.port", "4445", "Admin port"),
    SERVE_ADMIN_HOST("serve.admin.host", "", "Admin interface (empty = all)"),
    SERVE_TLS_CERT_PATH("serve.tls.cert.path", null, "PEM certificate chain for TLS"),
    SERVE_TLS_KEY_PATH("serve.tls.key.path", null, "PEM private key for TLS"),
    SERVE_TLS_CERT_BASE64("serve.tls.cert.base64", null, "Base64 of the PEM certificate chain"),
    SERVE_TLS_KEY_BASE64("serve.tls.key.base64", null, "Base64 of the PEM private key"),
    SERVE_ADMIN_TLS_ENABLED("serve.admin.tls.enabled", "true", "Serve the admin port over TLS too"),
    SERVE_COOKIES_SAME_SITE_MODE("serve.cookies.same_site_mode", "None", "SameSite of cookies: Strict, Lax, None"),
    SERVE_REQUEST_LOG_ENABLED("serve.request_log.enabled", "false", "Log every HTTP request"),
    SERVE_SHUTDOWN_DRAIN_PERIOD("serve.shutdown.drain_period", "0s",
            "On SIGTERM, answer /health/ready 503 this long while still serving, so load balancers move away"),
    SERVE_SHUTDOWN_GRACE_PERIOD("serve.shutdown.grace_period", "10s",
            "On SIGTERM, after the drain period: longest wait for requests in flight before stopping"),
    SERVE_OVERLOAD_MAX_CONCURRENT_REQUESTS("serve.overload.max_concurrent_requests", "128",
            "Requests worked on at once per port; more wait up to max_wait, then get 503 (0 = no limit)"),
    SERVE_OVERLOAD_MAX_WAIT("serve.overload.max_wait", "250ms",
            "Longest a request waits for one of max_concurrent_requests before it is answered 503"),
    SERVE_TLS_ALLOW_TERMINATION_FROM("serve.tls.allow_termination_from", null,
            "CIDR ranges of TLS-terminating proxies: when set, serve plain HTTP and accept only their requests "
                    + "with X-Forwarded-Proto: https"),
    SERVE_PUBLIC_TLS_ALLOW_TERMINATION_FROM("serve.public.tls.allow_termination_from", null,
            "serve.tls.allow_termination_from for the public port only"),
    SERVE_ADMIN_TLS_ALLOW_TERMINATION_FROM("serve.admin.tls.allow_termination_from", null,
            "serve.tls.allow_termination_from for the admin port only"),
    SERVE_PUBLIC_TLS_CERT_PATH("serve.public.tls.cert.path", null, "PEM certificate chain for the public port"),
    SERVE_PUBLIC_TLS_KEY_PATH("serve.public.tls.key.path", null, "PEM private key for the public port"),
    SERVE_PUBLIC_TLS_CERT_BASE64("serve.public.tls.cert.base64", null,
            "Base64 of the PEM certificate chain for the public port"),
    SERVE_PUBLIC_TLS_KEY_BASE64("serve.public.tls.key.base64", null,
            "Base64 of the PEM private key for the public port"),
    SERVE_ADMIN_TLS_CERT_PATH("serve.admin.tls.cert.path", null, "PEM certificate chain for the admin port"),
    SERVE_ADMIN_TLS_KEY_PATH("serve.admin.tls.key.path", null, "PEM private key for the admin port"),
    SERVE_ADMIN_TLS_CERT_BASE64("serve.admin.tls.cert.base64", null,
            "Base64 of the PEM certificate chain for the admin port"),
    SERVE_ADMIN_TLS_KEY_BASE64("serve.admin.tls.key.base64", null,
            "Base64 of the PEM private key for the admin port"),
    SERVE_PUBLIC_SOCKET_OWNER("serve.public.socket.owner", null,
            "Owner of the public unix socket (serve.public.host unix:/path); empty = the server's user"),
    SERVE_PUBLIC_SOCKET_GROUP("serve.public.socket.group", null,
            "Group of the public unix socket; empty = the server's primary group"),
    SERVE_PUBLIC_SOCKET_MODE("serve.public.socket.mode", "0755", "Permissions of the public unix socket"),
    SERVE_ADMIN_SOCKET_OWNER("serve.admin.socket.owner", null,
            "Owner of the admin unix socket (serve.admin.host unix:/path); empty = the server's user"),
    SERVE_ADMIN_SOCKET_GROUP("serve.admin.socket.group", null,
            "Group of the admin unix socket; empty = the server's primary group"),
    SERVE_ADMIN_SOCKET_MODE("serve.admin.socket.mode", "0755", "Permissions of the admin unix socket"),
    TTL_ACCESS_TOKEN("ttl.access_token", "1h", "Access token lifespan"),
    TTL_REFRESH_TOKEN("ttl.refresh_token", "720h", "Refresh token lifespan (-1 = never expires)"),
    TTL_ID_TOKEN("ttl.id_token", "1h", "ID token lifespan"),
    TTL_AUTH_CODE("ttl.auth_code", "10m", "Authorization code lifespan"),
    TTL_LOGIN_CONSENT_REQUEST("ttl.login_consent_request", "30m", "Login/consent round-trip lifespan"),
    LOG_LEVEL("log.level", "info", "panic, fatal, error, warn, info, debug, trace"),
    LOG_FORMAT("log.format", "text", "text or json"),
    LOG_LEAK_SENSITIVE_VALUES("log.leak_sensitive_values", "false", "Log values that may be secret"),
    STRATEGIES_ACCESS_TOKEN("strategies.access_token", "opaque", "opaque or jwt"),
    STRATEGIES_SCOPE("strategies.scope", "wildcard", "wildcard or exact"),
    OAUTH2_EXPOSE_INTERNAL_ERRORS("oauth2.expose_internal_errors", "false", "Add debug details to errors"),
    OAUTH2_INCLUDE_LEGACY_ERROR_FIELDS("oauth2.include_legacy_error_fields", "false",
            "Add error_hint, error_debug, status_code to errors"),
    OAUTH2_SESSION_ENCRYPT_AT_REST("oauth2.session.encrypt_at_rest", "true", "Encrypt token session data"),
    OAUTH2_PKCE_ENFORCED("oauth2.pkce.enforced", "false", "Require PKCE for every client"),
    OAUTH2_PKCE_ENFORCED_FOR_PUBLIC_CLIENTS("oauth2.pkce.enforced_for_public_clients", "true",
            "Require PKCE for public clients (RFC 9700; Hydra's default was false)"),
    OAUTH2_CLIENT_CREDENTIALS_DEFAULT_GRANT_ALLOWED_SCOPE("oauth2.client_credentials.default_grant_allowed_scope",
            "false", "Grant all client scopes when none are requested"),
    OAUTH2_HASHERS_PBKDF2_ITERATIONS("oauth2.hashers.pbkdf2.iterations", "25000",
            "PBKDF2-SHA256 iterations for client secrets"),
    OIDC_SUBJECT_IDENTIFIERS_SUPPORTED_TYPES("oidc.subject_identifiers.supported_types", "public",
            "public and/or pairwise"),
    OIDC_SUBJECT_IDENTIFIERS_PAIRWISE_SALT("oidc.subject_identifiers.pairwise.salt", null, "Pairwise salt (>= 8)"),
    OIDC_DYNAMIC_CLIENT_REGISTRATION_DEFAULT_SCOPE("oidc.dynamic_client_registration.default_scope",
            "offline_access offline openid", "Scope of clients created without one"),
    WEBFINGER_OIDC_DISCOVERY_SUPPORTED_CLAIMS("webfinger.oidc_discovery.supported_claims", null,
            "Extra claims advertised in discovery"),
    WEBFINGER_OIDC_DISCOVERY_SUPPORTED_SCOPE("webfinger.oidc_discovery.supported_scope", null,
            "Extra scopes advertised in discovery"),
    WEBFINGER_OIDC_DISCOVERY_USERINFO_URL("webfinger.oidc_discovery.userinfo_url", null, "Userinfo URL override"),
    WEBFINGER_OIDC_DISCOVERY_AUTH_URL("webfinger.oidc_discovery.auth_url", null, "Authorization URL override"),
    WEBFINGER_OIDC_DISCOVERY_TOKEN_URL("webfinger.oidc_discovery.token_url", null, "Token URL override"),
    WEBFINGER_OIDC_DISCOVERY_JWKS_URL("webfinger.oidc_discovery.jwks_url", null, "JWKS URL override"),
    WEBFINGER_OIDC_DISCOVERY_CLIENT_REGISTRATION_URL("webfinger.oidc_discovery.client_registration_url", null,
            "Registration URL advertised in discovery"),
    KEYS_ID_TOKEN_RSA_BITS("keys.id_token.rsa_bits", "2048", "Size of generated RSA signing keys"),
    OAUTH2_REFRESH_TOKEN_HOOK("oauth2.refresh_token_hook", null,
            "URL POSTed to before a refresh token grant issues tokens; may replace their claims or deny"),
    OAUTH2_TOKEN_HOOK("oauth2.token_hook", null,
            "URL POSTed to before any token endpoint grant issues tokens; may replace their claims or deny"),
    OAUTH2_TOKEN_HOOK_TIMEOUT("oauth2.token_hook_timeout", "5s",
            "Longest wait for each hook's answer; after it the token request fails with temporarily_unavailable"),
    OAUTH2_EXCLUDE_NOT_BEFORE_CLAIM("oauth2.exclude_not_before_claim", "false",
            "JWT access tokens: leave out the nbf claim"),
    OAUTH2_ALLOWED_TOP_LEVEL_CLAIMS("oauth2.allowed_top_level_claims", null,
            "JWT access tokens: claims of the consent session's access_token also copied to the top level (list)"),
    STRATEGIES_JWT_ACCESS_TOKEN_TYP("strategies.jwt.access_token_typ", "JWT",
            "JWT access tokens: the header typ, JWT (as Hydra) or at+jwt (RFC 9068 §2.1; not in Hydra)"),
    WEBFINGER_JWKS_BROADCAST_KEYS("webfinger.jwks.broadcast_keys", "hydra.openid.id-token,hydra.jwt.access-token",
            "Key sets whose public keys /.well-known/jwks.json publishes (list)"),
    OAUTH2_DPOP_PROOF_MAX_AGE("oauth2.dpop.proof_max_age", "60s",
            "DPoP: how old a proof's iat may be (RFC 9449 §11.1)"),
    OAUTH2_DPOP_PROOF_MAX_CLOCK_SKEW("oauth2.dpop.proof_max_clock_skew", "5s",
            "DPoP: how far in the future a proof's iat may be");

    private final String key;
    private final String defaultValue;
    private final String description;

    SettingKey(String key, String defaultValue, String description) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    public String key() {
        return key;
    }

    public String envName() {
        return key.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }
}
