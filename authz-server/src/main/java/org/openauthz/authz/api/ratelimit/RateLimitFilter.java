package org.openauthz.authz.api.ratelimit;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.openauthz.authz.api.BufferedFormRequest;
import org.openauthz.authz.api.UnreadRequestBody;
import org.openauthz.authz.api.errors.ErrorRenderer;
import org.openauthz.authz.oauth2.OAuth2Error;

import java.io.IOException;
import java.util.function.LongSupplier;

/**
 * The rate limits of one endpoint: a POST is refused with 429 and {@code Retry-After} (RFC 6585 §4) when its source
 * address, its client id, or that client id at that address after failed authentications has no token left; an
 * answer 401 (a failed client authentication, RFC 6749 §5.2) is counted as a failure. Other methods pass untouched
 * (CORS preflights, the endpoint's own 405). The client id is the one the request claims ({@link ClaimedClientId});
 * a stranger naming another client's id fails to authenticate, so the failure check, made first, stops it after a
 * few of that client's tokens per address, and locks that client id out from the stranger's address only. The body of the 429 is the OAuth 2.0 error JSON with
 * {@code temporarily_unavailable}, the registered code that tells clients to retry later (decision 0022).
 */
public final class RateLimitFilter extends HttpFilter {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final String endpoint;
    private final transient TokenBuckets perClient;
    private final transient TokenBuckets perAddress;
    private final transient FailedAuthentications failures;
    private final transient SourceAddress source;
    private final boolean bufferForm;
    private final transient ErrorRenderer errors;
    private final transient ObjectMapper json;
    private final transient LongSupplier nanoClock;

    RateLimitFilter(String endpoint, TokenBuckets perClient, TokenBuckets perAddress, FailedAuthentications failures,
                    SourceAddress source, boolean bufferForm, ErrorRenderer errors, ObjectMapper json,
                    LongSupplier nanoClock) {
        this.endpoint = endpoint;
        this.perClient = perClient;
        this.perAddress = perAddress;
        this.failures = failures;
        this.source = source;
        this.bufferForm = bufferForm;
        this.errors = errors;
        this.json = json;
        this.nanoClock = nanoClock;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!"POST".equals(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        // Reading client_id with getParameter would consume the body for every later filter (the CORS check reads it
        // too), so a form without Basic credentials is buffered; Basic requests, the usual case, read no body here.
        HttpServletRequest forward = bufferForm || !ClaimedClientId.sendsBasic(request)
                ? BufferedFormRequest.of(request) : request;
        String address = source.of(forward);
        String clientId = ClaimedClientId.of(forward);
        long wait = admit(clientId, address, nanoClock.getAsLong());
        if (wait > 0) {
            UnreadRequestBody.closeConnectionIfAny(request, response);
            refuse(response, wait);
            return;
        }
        chain.doFilter(forward, response);
        if (response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED) {
            failures.record(clientId, address, nanoClock.getAsLong());
        }
    }

    /** Nanoseconds to wait, 0 when the request may go on (its tokens taken). */
    private long admit(String clientId, String address, long now) {
        long wait = failures.waitFor(clientId, address, now);
        if (wait == 0 && perAddress != null) {
            wait = perAddress.tryTake(address, now);
        }
        if (wait == 0 && perClient != null && clientId != null) {
            wait = perClient.tryTake(clientId, now);
        }
        return wait;
    }

    private void refuse(HttpServletResponse response, long waitNanos) throws IOException {
        long seconds = Math.max(1, (waitNanos + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND);
        OAuth2Error error = OAuth2Error.TEMPORARILY_UNAVAILABLE.withStatus(429)
                .withHint("Too many requests to the " + endpoint + " endpoint; retry after the seconds in "
                        + "Retry-After.");
        response.setStatus(error.status());
        ErrorRenderer.headers(error).forEach(response::setHeader);
        response.setHeader("Retry-After", Long.toString(seconds));
        response.setContentType("application/json;charset=UTF-8");
        json.writeValue(response.getOutputStream(), errors.render(error));
    }
}
