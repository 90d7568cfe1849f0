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
        List<String> cookieSecrets) {

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

    public record Tls(boolean publicEnabled, boolean adminEnabled, String certPem, String keyPem) {
        public boolean hasConfiguredCertificate() {
            return certPem != null && keyPem != null;
        }
    }

    public record Serve(Mode mode, String publicHost, int publicPort, String adminHost, int adminPort, Tls tls,
                        String sameSiteMode, boolean requestLog, List<String> allowInsecureRedirectUrls,
                        Shutdown shutdown, Overload overload, boolean sameSiteLegacyWorkaround) {
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
}
