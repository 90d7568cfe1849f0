package org.openauthz.cli.doctor;

import org.openauthz.authz.config.ServerSettings;
import org.openauthz.authz.config.SettingsBinder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks the server configuration, as {@code hydra serve} would run it, against RFC 9700 and OpenID Connect: TLS,
 * secrets, lifespans, logging and key rotation (decision 0024 lists the thresholds).
 */
final class ConfigurationChecks {
    /** RFC 6819 §5.1.5.3: short-lived access tokens limit what a leaked one is worth; Hydra's default is 1h. */
    static final Duration MAX_ACCESS_TOKEN = Duration.ofHours(1);
    /** Beyond 90 days a leaked refresh token stays useful for a season; Hydra's default is 30 days. */
    static final Duration MAX_REFRESH_TOKEN = Duration.ofDays(90);
    /** RFC 6749 §4.1.2: "A maximum authorization code lifetime of 10 minutes is RECOMMENDED." */
    static final Duration MAX_AUTH_CODE = Duration.ofMinutes(10);
    static final Duration MAX_ID_TOKEN = Duration.ofHours(1);

    private final ServerSettings settings;
    private final SettingsBinder.Flags flags;

    ConfigurationChecks(ServerSettings settings, SettingsBinder.Flags flags) {
        this.settings = settings;
        this.flags = flags;
    }

    List<Finding> check() {
        List<Finding> findings = new ArrayList<>();
        transport(findings);
        findings.addAll(SecretChecks.check("secrets.system", settings.systemSecrets()));
        if (!settings.cookieSecrets().equals(settings.systemSecrets())) {
            findings.addAll(SecretChecks.check("secrets.cookie", settings.cookieSecrets()));
        }
        lifespans(findings);
        if (settings.log().leakSensitiveValues()) {
            findings.add(new Finding(Severity.MEDIUM, "sensitive-logging", "log.leak_sensitive_values",
                    "log lines may hold tokens, codes and personal data", "RFC 6749 §10.3",
                    "set LOG_LEAK_SENSITIVE_VALUES=false"));
        }
        if (settings.oauth2().exposeInternalErrors()) {
            findings.add(new Finding(Severity.LOW, "internal-errors", "oauth2.expose_internal_errors",
                    "error answers carry internal details (stack traces, SQL) to clients", "RFC 6749 §5.2",
                    "set OAUTH2_EXPOSE_INTERNAL_ERRORS=false"));
        }
        if (!settings.rateLimits().enabled()) {
            findings.add(new Finding(Severity.LOW, "rate-limits-off", "rate_limits.enabled",
                    "failed client authentications are not limited, so client secrets can be guessed at full speed",
                    "RFC 6749 §10.10", "set RATE_LIMITS_ENABLED=true, unless a proxy in front limits them"));
        }
        if (settings.clientPolicy().implicitAccessTokensAllowed()) {
            findings.add(new Finding(Severity.LOW, "implicit-access-tokens-allowed",
                    "oauth2.implicit_access_tokens.allowed_for_new_clients",
                    "new clients may be registered to receive access tokens from the authorization endpoint, where "
                            + "they leak through browser history and referrers", "RFC 9700 §2.1.2",
                    "set OAUTH2_IMPLICIT_ACCESS_TOKENS_ALLOWED_FOR_NEW_CLIENTS=false and use the code flow with PKCE"));
        }
        if (settings.keyRotation().interval().isZero()) {
            findings.add(new Finding(Severity.LOW, "key-rotation-off", "keys.rotation.interval",
                    "signing keys are never rotated: a leaked key signs ID tokens until someone notices",
                    "OpenID Connect Core §10.1.1", "set KEYS_ROTATION_INTERVAL, e.g. 720h (30 days)"));
        }
        return findings;
    }

    private void transport(List<Finding> findings) {
        String issuer = String.valueOf(settings.urls().issuer());
        boolean loopback = LoopbackHost.is(settings.urls().issuer().getHost());
        if (loopback) {
            return;
        }
        if (flags.dangerousForceHttp()) {
            findings.add(new Finding(Severity.HIGH, "plain-http", "--dangerous-force-http",
                    "the server speaks plain HTTP for the issuer " + issuer + ", which is not a loopback address: "
                            + "codes, tokens and client secrets cross the network unencrypted", "RFC 6749 §3.1, §3.2",
                    "drop --dangerous-force-http and configure serve.tls (or terminate TLS at a proxy listed in "
                            + "SERVE_TLS_ALLOW_TERMINATION_FROM)"));
            return;
        }
        ServerSettings.PortTls publicTls = settings.serve().tls().publicPort();
        if (publicTls.servesTls() && publicTls.certificate() == null) {
            findings.add(new Finding(Severity.HIGH, "no-tls-certificate", "serve.tls",
                    "no certificate is configured, so the public port serves a generated self-signed one that no "
                            + "client can verify for " + issuer, "RFC 6749 §3.1, §3.2",
                    "set SERVE_TLS_CERT_PATH and SERVE_TLS_KEY_PATH, or terminate TLS at a proxy and list it in "
                            + "SERVE_TLS_ALLOW_TERMINATION_FROM"));
        }
        if (!settings.serve().tls().adminEnabled() && !LoopbackHost.is(settings.serve().adminHost())
                && settings.serve().adminSocket() == null) {
            findings.add(new Finding(Severity.MEDIUM, "admin-plain-http", "serve.admin.tls.enabled",
                    "the admin port speaks plain HTTP on " + (settings.serve().adminHost().isEmpty() ? "every interface"
                            : settings.serve().adminHost()) + ": client secrets and introspected tokens cross the "
                            + "network unencrypted", "RFC 7662 §4",
                    "set SERVE_ADMIN_TLS_ENABLED=true, or SERVE_ADMIN_HOST=127.0.0.1 (or a unix socket)"));
        }
        if (!flags.allowInsecureRedirectUrls().isEmpty()) {
            findings.add(new Finding(Severity.MEDIUM, "insecure-redirects-allowed",
                    "--dangerous-allow-insecure-redirect-urls", "plain http redirect URIs are allowed for "
                    + String.join(", ", flags.allowInsecureRedirectUrls()) + ": authorization codes sent there can "
                    + "be read on the way", "RFC 6749 §3.1.2.1", "drop the flag and register https redirect URIs"));
        }
    }

    private void lifespans(List<Finding> findings) {
        ServerSettings.Ttl ttl = settings.ttl();
        tooLong(findings, Severity.MEDIUM, "ttl.access_token", ttl.accessToken(), MAX_ACCESS_TOKEN,
                "access tokens", "RFC 6819 §5.1.5.3");
        if (ttl.refreshToken().isNegative()) {
            findings.add(new Finding(Severity.MEDIUM, "long-lifespan", "ttl.refresh_token",
                    "refresh tokens never expire: a leaked one works until it is revoked", "RFC 9700 §4.14",
                    "set TTL_REFRESH_TOKEN to at most " + days(MAX_REFRESH_TOKEN)));
        } else {
            tooLong(findings, Severity.MEDIUM, "ttl.refresh_token", ttl.refreshToken(), MAX_REFRESH_TOKEN,
                    "refresh tokens", "RFC 9700 §4.14");
        }
        tooLong(findings, Severity.MEDIUM, "ttl.auth_code", ttl.authCode(), MAX_AUTH_CODE,
                "authorization codes", "RFC 6749 §4.1.2");
        tooLong(findings, Severity.LOW, "ttl.id_token", ttl.idToken(), MAX_ID_TOKEN, "ID tokens",
                "RFC 6819 §5.1.5.3");
    }

    private static void tooLong(List<Finding> findings, Severity severity, String key, Duration lifespan,
                                Duration max, String what, String reference) {
        if (lifespan.compareTo(max) > 0) {
            findings.add(new Finding(severity, "long-lifespan", key, what + " live " + human(lifespan)
                    + ", longer than " + human(max) + ": a leaked one stays useful that long", reference,
                    "set " + key.toUpperCase(java.util.Locale.ROOT).replace('.', '_') + " to at most " + human(max)));
        }
    }

    private static String human(Duration duration) {
        if (duration.toHours() >= 48 && duration.toHoursPart() == 0) {
            return days(duration);
        }
        if (duration.toMinutes() >= 60 && duration.toMinutesPart() == 0) {
            return duration.toHours() + "h";
        }
        return duration.toMinutes() + "m";
    }

    private static String days(Duration duration) {
        return duration.toDays() + " days (" + duration.toHours() + "h)";
    }
}
