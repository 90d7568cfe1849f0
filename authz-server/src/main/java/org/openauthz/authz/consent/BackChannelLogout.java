package org.openauthz.authz.consent;

import org.openauthz.authz.client.OAuth2Client;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Back-channel logout (<a href="https://openid.net/specs/openid-connect-backchannel-1_0.html#BCRequest">OpenID
 * Connect Back-Channel Logout 1.0 §2.5</a>): a {@code logout_token} POSTed as a form to the
 * {@code backchannel_logout_uri} of every client that took part in the ending session, all at once. The user's
 * logout waits for them at most {@code timeout} in all: a slow or dead client is logged with its id and left behind,
 * never shown to the user, and never retried (decision 0010).
 */
public final class BackChannelLogout {
    private static final Logger LOG = LoggerFactory.getLogger(BackChannelLogout.class);

    /** Signs the logout token of one client for the session {@code sid} of {@code subject}. */
    @FunctionalInterface
    public interface LogoutTokens {
        String sign(OAuth2Client client, String sid, String subject);
    }

    private final LogoutTokens tokens;
    private final Duration timeout;
    private final HttpClient http;

    public BackChannelLogout(LogoutTokens tokens, Duration timeout) {
        this.tokens = tokens;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Notifies every client with a {@code backchannel_logout_uri}; returns when all answered or the time is up. */
    public void notify(List<OAuth2Client> clients, String sid, String subject) {
        List<CompletableFuture<Void>> sends = clients.stream()
                .filter(c -> c.backchannelLogoutUri() != null && !c.backchannelLogoutUri().isBlank())
                .map(c -> send(c, sid, subject)).toList();
        if (sends.isEmpty()) {
            return;
        }
        try {
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("back-channel logout: not every client answered within {} ms; the logout went on without them",
                    timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // Each send handles its own failure; nothing reaches here.
        }
    }

    private CompletableFuture<Void> send(OAuth2Client client, String sid, String subject) {
        String body;
        HttpRequest request;
        try {
            body = "logout_token=" + URLEncoder.encode(tokens.sign(client, sid, subject), StandardCharsets.UTF_8);
            request = HttpRequest.newBuilder(URI.create(client.backchannelLogoutUri())).timeout(timeout)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        } catch (RuntimeException e) {
            LOG.warn("back-channel logout of client {} failed: {}", client.clientId(), e.toString());
            return CompletableFuture.completedFuture(null);
        }
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((response, error) -> {
            if (error != null) {
                LOG.warn("back-channel logout of client {} at {} failed: {}", client.clientId(),
                        client.backchannelLogoutUri(), error.toString());
            } else if (response.statusCode() / 100 != 2) {
                LOG.warn("back-channel logout of client {} at {} answered HTTP {}", client.clientId(),
                        client.backchannelLogoutUri(), response.statusCode());
            }
            return null;
        });
    }
}
