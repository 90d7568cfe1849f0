package org.openauthz.authz.testing;

import io.dropwizard.testing.DropwizardTestSupport;
import org.openauthz.authz.AuthzServerApplication;
import org.openauthz.authz.AuthzServerConfiguration;
import org.openauthz.authz.config.RawSettings;
import org.openauthz.authz.config.ServerSettings;
import org.openauthz.authz.config.SettingsBinder;
import org.openauthz.authz.server.DropwizardSettings;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * A real server on real ports for integration tests, configured with Hydra keys like {@code hydra serve all
 * --dangerous-force-http} (or with TLS on, {@link #start(Map, boolean)}). Ports are picked up front so the issuer URL
 * can name them.
 */
public final class TestServer implements AutoCloseable {
    public static final String SECRET = "a-test-system-secret-0123456789";

    private final DropwizardTestSupport<AuthzServerConfiguration> support;
    private final int publicPort;
    private final int adminPort;
    private final HttpClient http;

    private final String publicScheme;
    private final String adminScheme;
    private final String issuer;

    private TestServer(Map<String, Object> overrides, boolean forceHttp) {
        int[] ports = freePorts();
        this.publicPort = ports[0];
        this.adminPort = ports[1];
        Map<String, Object> values = new HashMap<>();
        values.put("dsn", "memory");
        values.put("secrets.system", SECRET);
        values.put("serve.public.port", String.valueOf(publicPort));
        values.put("serve.admin.port", String.valueOf(adminPort));
        values.put("serve.public.host", "127.0.0.1");
        values.put("serve.admin.host", "127.0.0.1");
        values.put("urls.self.issuer", (forceHttp ? "http" : "https") + "://127.0.0.1:" + publicPort + "/");
        values.put("log.level", "warn");
        values.put("oauth2.hashers.pbkdf2.iterations", "1000");
        // Tests send bursts and deliberate authentication failures from one address, which the default rate limits
        // would refuse; the tests of the limits themselves (RateLimitIT) turn them on.
        values.put("rate_limits.enabled", "false");
        values.putAll(overrides);
        ServerSettings settings = SettingsBinder.bind(RawSettings.of(values),
                new SettingsBinder.Flags(ServerSettings.Mode.ALL, forceHttp, java.util.List.of()));
        this.issuer = settings.urls().issuer().toString();
        this.publicScheme = settings.serve().tls().publicPort().servesTls() ? "https" : "http";
        this.adminScheme = settings.serve().tls().adminPort().servesTls() ? "https" : "http";
        HttpClient.Builder client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER);
        this.http = ("https".equals(publicScheme) ? client.sslContext(trustingSelfSignedCertificates()) : client)
                .build();
        this.support = new DropwizardTestSupport<>(AuthzServerApplication.class,
                DropwizardSettings.toConfiguration(settings));
    }

    /** Starts a server; {@code overrides} are Hydra keys such as {@code dsn} or {@code ttl.access_token}. */
    public static TestServer start(Map<String, Object> overrides) {
        return start(overrides, true);
    }

    /**
     * A server whose public port serves TLS with the generated self-signed certificate (for 127.0.0.1), as
     * {@code hydra serve all} without {@code --dangerous-force-http}; the admin port stays plain HTTP. Its
     * {@link #send} trusts that certificate.
     */
    public static TestServer withPublicTls(PostgresFixture.Database database, Map<String, Object> overrides) {
        Map<String, Object> values = new HashMap<>(overrides);
        values.put("serve.admin.tls.enabled", "false");
        return onPostgres(database, values, false);
    }

    /**
     * Starts a server like {@code hydra serve all}, with TLS unless {@code forceHttp} (the issuer is then https); a
     * port's URLs below use https only when that port itself speaks TLS.
     */
    public static TestServer start(Map<String, Object> overrides, boolean forceHttp) {
        TestServer server = new TestServer(overrides, forceHttp);
        try {
            server.support.before();
        } catch (Exception e) {
            throw new IllegalStateException("test server did not start", e);
        }
        return server;
    }

    public static TestServer onPostgres(PostgresFixture.Database database, Map<String, Object> overrides) {
        return onPostgres(database, overrides, true);
    }

    public static TestServer onPostgres(PostgresFixture.Database database, Map<String, Object> overrides,
                                        boolean forceHttp) {
        Map<String, Object> values = new HashMap<>(overrides);
        values.put("dsn", database.dsn());
        return start(values, forceHttp);
    }

    public String publicUrl(String path) {
        return publicScheme + "://127.0.0.1:" + publicPort + path;
    }

    public String adminUrl(String path) {
        return adminScheme + "://127.0.0.1:" + adminPort + path;
    }

    public String issuer() {
        return issuer;
    }

    public int publicPort() {
        return publicPort;
    }

    public int adminPort() {
        return adminPort;
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> postForm(String url, String form, String basicUser, String basicPassword) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (basicUser != null) {
            request.header("Authorization", basic(basicUser, basicPassword));
        }
        return send(request.build());
    }

    public HttpResponse<String> json(String method, String url, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        return send(request.build());
    }

    public HttpResponse<String> get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET().build());
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Stops the server. Jetty's graceful stop gives up after the 2 s grace period when a client still holds a
     * connection and reports a TimeoutException; the server is stopped all the same, so that is not a failure.
     */
    @Override
    public void close() {
        try {
            support.after();
        } catch (RuntimeException e) {
            if (!(e.getCause() instanceof java.util.concurrent.TimeoutException)) {
                throw e;
            }
        }
    }

    /** Two distinct free ports: both sockets are held open together, so the OS cannot hand out one twice. */
    private static int[] freePorts() {
        try (ServerSocket first = new ServerSocket(0); ServerSocket second = new ServerSocket(0)) {
            return new int[] {first.getLocalPort(), second.getLocalPort()};
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Test-only: accepts any server certificate (the server's own self-signed one); hostnames are still checked. */
    private static javax.net.ssl.SSLContext trustingSelfSignedCertificates() {
        javax.net.ssl.X509TrustManager trustAll = new javax.net.ssl.X509TrustManager() {
            @Override
            public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String authType) {
            }

            @Override
            public java.security.cert.X509Certificate[] getAcceptedIssuers() {
                return new java.security.cert.X509Certificate[0];
            }
        };
        try {
            javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
            context.init(null, new javax.net.ssl.TrustManager[] {trustAll}, new java.security.SecureRandom());
            return context;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
