package org.openauthz.authz.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * The validated, typed configuration of the server, built by {@link SettingsBinder} from Hydra's keys. Everything
 * here has been checked at startup, so the rest of the code trusts it.
 */
public record ServerSettings(
        DatabaseUrl database,
        List<String> systemSecrets,
        Urls urls,
        Serve serve,
        Ttl ttl,
        Log log,
        OAuth2 oauth2,
        Oidc oidc,
        List<String> cookieSecrets,
        Hooks hooks,
        JwtAccessTokens jwtAccessTokens,
        List<String> jwksBroadcastKeys,
        Dpop dpop) {

    /** Every public URL the server hands out; {@code issuer} always ends with "/", as in Hydra v1.10. */
    public record Urls(URI issuer, URI publicBase, URI login, URI consent, URI logout, URI error,
                       URI postLogoutRedirect) {
        /** An absolute URL under the public base, e.g. {@code publicUrl("oauth2/token")}. */
        public String publicUrl(String relative) {
            String base = publicBase.toString();
            return (base.endsWith("/") ? base : base + "/") + relative;
        }

        public String issuerUrl(String relative) {
            return issuer + relative;
        }
    }

    public enum Mode { ALL, PUBLIC, ADMIN }

    /** TLS of the two ports; "enabled" means clients reach the port over HTTPS, directly or through a proxy. */
    public record Tls(PortTls publicPort, PortTls adminPort) {
        public boolean publicEnabled() {
            return publicPort.enabled();
        }

        public boolean adminEnabled() {
            return adminPort.enabled();
        }
    }

    /**
     * TLS of one port: its own certificate ({@code null}: a generated self-signed one), or, with
     * {@code terminationFrom} set, plain HTTP accepted only from those TLS-terminating proxies (as Hydra v1.10's
     * {@code serve.tls.allow_termination_from}).
     */
    public record PortTls(boolean enabled, Pem certificate, List<CidrRange> terminationFrom) {
        public boolean terminatedByProxy() {
            return enabled && !terminationFrom.isEmpty();
        }

        /** Whether this port itself speaks TLS. */
        public boolean servesTls() {
            return enabled && terminationFrom.isEmpty();
        }
    }

    /** A PEM certificate chain and its private key. */
    public record Pem(String certificate, String key) {
    }

    /**
     * A port served on a unix domain socket ({@code serve.*.host} {@code unix:/path}) with its owner, group (empty:
     * the server's own) and permission bits.
     */
    public record UnixSocket(java.nio.file.Path path, String owner, String group, int mode) {
        public static final String HOST_PREFIX = "unix:";
    }

    public record Serve(Mode mode, String publicHost, int publicPort, String adminHost, int adminPort, Tls tls,
                        String sameSiteMode, boolean requestLog, List<String> allowInsecureRedirectUrls,
                        Shutdown shutdown, Overload overload, UnixSocket publicSocket, UnixSocket adminSocket) {
        public boolean servesPublic() {
            return mode != Mode.ADMIN;
        }

        public boolean servesAdmin() {
            return mode != Mode.PUBLIC;
        }
    }

    /**
     * A graceful stop on SIGTERM: {@code drainPeriod} answering {@code /health/ready} 503 while serving, then up to
     * {@code gracePeriod} for requests in flight, then queued writes are committed and the pool closed.
     */
    public record Shutdown(Duration drainPeriod, Duration gracePeriod) {
    }

    /** Admission control per port: {@code maxConcurrentRequests} 0 turns it off. */
    public record Overload(int maxConcurrentRequests, Duration maxWait) {
    }

    /**
     * Lifespans, the {@code ttl.*} keys (docs/configuration.md). A negative refresh TTL means refresh tokens never
     * expire.
     */
    public record Ttl(Duration accessToken, Duration refreshToken, Duration idToken, Duration authCode,
                      Duration loginConsentRequest) {
    }

    public record Log(String level, String format, boolean leakSensitiveValues) {
    }

    public record OAuth2(boolean exposeInternalErrors, boolean includeLegacyErrorFields,
                         boolean encryptSessionAtRest, boolean pkceEnforced, boolean pkceEnforcedForPublicClients,
                         boolean clientCredentialsDefaultGrantAllowedScope, int pbkdf2Iterations,
                         String accessTokenStrategy, String scopeStrategy) {
    }

    public record Oidc(List<String> subjectTypes, String pairwiseSalt, String defaultClientScope,
                       List<String> extraClaims, List<String> extraScopes, Discovery discovery, int rsaBits) {
    }

    /** Discovery overrides ({@code webfinger.oidc_discovery.*}); null means the computed default. */
    public record Discovery(String authUrl, String tokenUrl, String jwksUrl, String userinfoUrl,
                            String registrationUrl) {
    }

    /**
     * The token endpoint's hooks ({@code oauth2.refresh_token_hook}, {@code oauth2.token_hook}); a null URL means
     * that hook is off.
     */
    public record Hooks(URI refreshTokenHook, URI tokenHook, Duration timeout) {
    }

    /**
     * The claims and header of JWT access tokens ({@code strategies.access_token: jwt}): {@code nbf} unless
     * excluded, the allowed top-level claims (never a reserved claim), and {@code typ: at+jwt} instead of Hydra's
     * {@code JWT} when {@code typAtJwt}.
     */
    public record JwtAccessTokens(boolean enabled, boolean excludeNotBeforeClaim, List<String> allowedTopLevelClaims,
                                  boolean typAtJwt) {
    }

    /**
     * DPoP proofs (<a href="https://www.rfc-editor.org/rfc/rfc9449#section-4.3">RFC 9449 §4.3</a>): a proof's
     * {@code iat} may be at most {@code proofMaxAge} old and {@code proofMaxClockSkew} in the future.
     */
    public record Dpop(Duration proofMaxAge, Duration proofMaxClockSkew) {
    }
}
