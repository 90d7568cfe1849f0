package org.openauthz.cli.http;

import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.openauthz.cli.CliException;
import org.openauthz.cli.GoDuration;
import picocli.CommandLine.Option;

/**
 * Flags shared by every command that talks to the server. The {@code --endpoint} flag itself is
 * declared by the subclasses because its default environment variable differs (admin API:
 * {@code HYDRA_ADMIN_URL}, public API: {@code HYDRA_URL}).
 */
public abstract class ConnectionOptions {

    @Option(names = "--skip-tls-verify", arity = "0..1", fallbackValue = "true",
            description = "Foolishly accept TLS certificates signed by unknown certificate authorities")
    boolean skipTlsVerify;

    @Option(names = "--fake-tls-termination", arity = "0..1", fallbackValue = "true",
            description = "Fake TLS termination by adding \"X-Forwarded-Proto: https\" to HTTP headers")
    boolean fakeTlsTermination;

    // Accepted for compatibility with scripts written for Hydra; requests are not retried.
    @Option(names = "--fail-after", paramLabel = "duration", defaultValue = "1m",
            description = "Stop retrying after the specified duration")
    String failAfter;

    /** A client for {@code endpoint}: over its unix socket when it names one. */
    public CloseableHttpClient httpClient(Endpoint endpoint) {
        validateFailAfter();
        return HttpClientFactory.create(skipTlsVerify, fakeTlsTermination,
                endpoint == null ? null : endpoint.unixSocket());
    }

    private void validateFailAfter() {
        try {
            GoDuration.parse(failAfter);
        } catch (IllegalArgumentException e) {
            throw new CliException("Invalid value for --fail-after: " + e.getMessage());
        }
    }
}
