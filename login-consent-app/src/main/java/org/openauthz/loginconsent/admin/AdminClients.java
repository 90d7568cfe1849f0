package org.openauthz.loginconsent.admin;

import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.Timeout;
import org.openauthz.admin.client.ApiClient;
import org.openauthz.loginconsent.AppSettings;

import java.time.Clock;

/** Builds the generated admin client for the app's settings. */
public final class AdminClients {
    /** Every page waits for the admin API: a dead server must turn into an error page quickly, not a hung tab. */
    private static final Timeout CONNECT_TIMEOUT = Timeout.ofSeconds(5);
    private static final Timeout RESPONSE_TIMEOUT = Timeout.ofSeconds(15);
    /** The default pool allows 5 connections per host, too few for one admin server serving every page. */
    private static final int MAX_CONNECTIONS = 64;

    private AdminClients() {
    }

    /** The HTTP client belongs to the caller, who closes it at shutdown. */
    public static CloseableHttpClient httpClient() {
        return HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(MAX_CONNECTIONS)
                        .setMaxConnPerRoute(MAX_CONNECTIONS)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(CONNECT_TIMEOUT)
                                .setSocketTimeout(RESPONSE_TIMEOUT)
                                .build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(RESPONSE_TIMEOUT).build())
                .disableCookieManagement()
                .disableAutomaticRetries()
                .build();
    }

    public static ApiClient apiClient(AppSettings settings, CloseableHttpClient http) {
        ApiClient client = new ApiClient(http);
        client.setBasePath(settings.adminUrl().toString());
        client.setUserAgent("openauthz-login-consent");
        if (settings.mockTlsTermination()) {
            // As Hydra's reference app: lets an admin port that requires TLS accept us over plain HTTP behind a
            // trusted proxy (serve.tls.allow_termination_from).
            client.addDefaultHeader("X-Forwarded-Proto", "https");
        }
        settings.adminAuth().ifPresent(auth -> client.setBearerToken(new AdminTokens(auth, Clock.systemUTC())));
        return client;
    }
}
