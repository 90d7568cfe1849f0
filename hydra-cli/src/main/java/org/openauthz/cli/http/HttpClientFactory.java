package org.openauthz.cli.http;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.apache.hc.client5.http.ssl.TrustAllStrategy;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.message.BasicHeader;
import org.apache.hc.core5.ssl.SSLContextBuilder;
import org.apache.hc.core5.util.Timeout;
import org.openauthz.cli.CliException;

/** Builds the httpclient5 instances used for both the admin and the public API. */
public final class HttpClientFactory {

    private static final Timeout CONNECT_TIMEOUT = Timeout.of(10, TimeUnit.SECONDS);
    private static final Timeout RESPONSE_TIMEOUT = Timeout.of(60, TimeUnit.SECONDS);

    private HttpClientFactory() {
    }

    /**
     * @param skipTlsVerify trust every certificate and host name: the server generates a
     *     self-signed certificate when none is configured, which clients otherwise reject
     * @param fakeTlsTermination send {@code X-Forwarded-Proto: https} so a server with TLS
     *     enabled accepts plain HTTP as if a proxy had terminated TLS
     * @param unixSocket when not null, every request goes over this unix domain socket instead of TCP
     */
    public static CloseableHttpClient create(boolean skipTlsVerify, boolean fakeTlsTermination, Path unixSocket) {
        PoolingHttpClientConnectionManagerBuilder connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(CONNECT_TIMEOUT)
                        .setSocketTimeout(RESPONSE_TIMEOUT)
                        .build());
        if (skipTlsVerify) {
            connections.setTlsSocketStrategy(ClientTlsStrategyBuilder.create()
                    .setSslContext(trustAllContext())
                    .setHostVerificationPolicy(HostnameVerificationPolicy.CLIENT)
                    .setHostnameVerifier(NoopHostnameVerifier.INSTANCE)
                    .buildClassic());
        }
        List<Header> headers = new ArrayList<>();
        if (fakeTlsTermination) {
            headers.add(new BasicHeader("X-Forwarded-Proto", "https"));
        }
        return HttpClients.custom()
                .setConnectionManager(connections.build())
                .setDefaultHeaders(headers)
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(RESPONSE_TIMEOUT)
                        .setUnixDomainSocket(unixSocket).build())
                .setUserAgent("hydra-cli (OpenAuthz)")
                // A failed admin call must fail once and clearly, not be silently replayed.
                .disableAutomaticRetries()
                .disableCookieManagement()
                .build();
    }

    private static SSLContext trustAllContext() {
        try {
            return SSLContextBuilder.create().loadTrustMaterial(TrustAllStrategy.INSTANCE).build();
        } catch (GeneralSecurityException e) {
            throw new CliException("Could not set up TLS without certificate verification: " + e.getMessage(), e);
        }
    }
}
