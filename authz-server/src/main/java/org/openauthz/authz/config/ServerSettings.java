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
        PushedRequests pushedRequests,
        Registration registration,
        DeviceGrant deviceGrant,

        RateLimits rateLimits,
        AdminAuth adminAuth,
        Dpop dpop,
        KeyRotation keyRotation,
        ClientPolicy clientPolicy,
        Tracing tracing) {

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
                        Shutdown shutdown, Overload overload, UnixSocket publicSocket, UnixSocket adminSocket,
                        Cors publicCors, Cors adminCors,
                        boolean sameSiteLegacyWorkaround) {
        /**
         * Whether each flow cookie gets a {@code <name>_legacy} copy without {@code SameSite}: only with the
         * workaround on and {@code SameSite=None}, the value old browsers reject.
         */
        public boolean sameSiteLegacyCopies() {
            return sameSiteLegacyWorkaround && "None".equals(sameSiteMode);
        }

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

    /**
     * Cross-origin resource sharing of one port ({@code serve.public.cors.*} or {@code serve.admin.cors.*}), as Hydra
     * v1.10 passes it to rs/cors. Methods are upper case; {@code allowedOrigins} holds {@code *} or origins with at
     * most one {@code *} wildcard (decision 0011); {@code maxAgeSeconds} 0 sends no {@code Access-Control-Max-Age}.
     */
    public record Cors(boolean enabled, List<String> allowedOrigins, List<String> allowedMethods,
                       List<String> allowedHeaders, List<String> exposedHeaders, boolean allowCredentials,
                       boolean optionsPassthrough, int maxAgeSeconds, boolean debug) {
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
                         boolean clientCredentialsDefaultGrantAllowedScope, boolean acceptRememberedSignIns,
                         int pbkdf2Iterations,
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
     * Pushed authorization requests (RFC 9126): whether every client must push its requests first, and how long a
     * {@code request_uri} lives.
     */
    public record PushedRequests(boolean required, Duration requestUriLifespan) {
    }

    /**
     * Dynamic client registration ({@code oidc.dynamic_client_registration.*}, RFC 7591/7592): off unless
     * {@code enabled}; what a self-registered client may hold; the largest request body; whether registering needs an
     * initial access token.
     */
    public record Registration(boolean enabled, List<String> allowedGrantTypes, List<String> allowedScope,
                               List<String> allowedRedirectUriSchemes, List<String> allowedAuthMethods,
                               int maxMetadataBytes, boolean initialAccessTokenRequired) {
    }

    /**
     * The device authorization grant (<a href="https://www.rfc-editor.org/rfc/rfc8628">RFC 8628</a>): where the user
     * types the user code ({@code urls.device_verification}), the page shown once the device is signed in
     * ({@code urls.device_success}), how long a device code and its user code live ({@code ttl.device_user_code})
     * and how often the device may poll ({@code oauth2.device_authorization.token_polling_interval}).
     */
    public record DeviceGrant(URI verification, URI success, Duration userCodeTtl, Duration pollingInterval) {
    }

    /**
     * Rate limits ({@code rate_limits.*}, decision 0022): token buckets per replica, per endpoint by client id and by
     * source address, and on failed client authentications; the source address comes from the connection, or from
     * {@code X-Forwarded-For} behind {@code trustedProxyHops} proxies. {@code endpoints} maps an endpoint's name
     * ({@code token}, {@code introspection}, ...) to its limits.
     */
    public record RateLimits(boolean enabled, int trustedProxyHops, int maxTrackedKeys,
                             java.util.Map<String, EndpointRateLimits> endpoints, RateLimit failedAuthPerClientAddress,
                             RateLimit failedAuthPerAddress) {
    }

    /** The limits of one endpoint; either may be off. */
    public record EndpointRateLimits(RateLimit perClient, RateLimit perAddress) {
    }

    /** {@code count} requests per {@code period}, also the most at once; {@code count} 0 is no limit. */
    public record RateLimit(long count, Duration period) {
        public static final RateLimit OFF = new RateLimit(0, Duration.ofSeconds(1));

        public boolean on() {
            return count > 0;
        }
    }

    /**
     * Bearer-token authentication of the admin port ({@code serve.admin.auth.*}, decision 0022): off as in Hydra; on,
     * every admin path but health wants an access token this server issued carrying {@code requiredScope}, or, on
     * the introspection paths, {@code introspectionScope}.
     */
    public record AdminAuth(boolean enabled, String requiredScope, String introspectionScope) {
    }

    /**
     * DPoP proofs (<a href="https://www.rfc-editor.org/rfc/rfc9449#section-4.3">RFC 9449 §4.3</a>): a proof's
     * {@code iat} may be at most {@code proofMaxAge} old and {@code proofMaxClockSkew} in the future.
     */
    public record Dpop(Duration proofMaxAge, Duration proofMaxClockSkew) {
    }

    /**
     * Scheduled signing-key rotation ({@code keys.rotation.*}, decision 0021): {@code interval} zero means off; when
     * on, {@code prepublish} is positive and shorter than {@code interval}.
     */
    public record KeyRotation(Duration interval, Duration prepublish) {
    }

    /**
     * What a client may be registered with beyond Hydra v1.10's rules ({@code oauth2.implicit_access_tokens.*},
     * decision 0023): {@code implicitAccessTokensAllowed} false refuses a new or changed client that could receive
     * access tokens from the authorization endpoint.
     */
    public record ClientPolicy(boolean implicitAccessTokensAllowed) {
    }

    /**
     * Tracing ({@code tracing.*}): off when {@code endpoint} is null; on, spans are sent over OTLP/HTTP to
     * {@code endpoint} (the full URL of the traces resource) with {@code headers}, a share {@code samplingRatio} of
     * the traces started here being recorded.
     */
    public record Tracing(String serviceName, URI endpoint, java.util.Map<String, String> headers,
                          double samplingRatio) {
        public boolean enabled() {
            return endpoint != null;
        }
    }
}
