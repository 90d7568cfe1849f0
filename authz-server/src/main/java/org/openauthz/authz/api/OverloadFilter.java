package org.openauthz.authz.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.openauthz.authz.api.errors.ErrorRenderer;
import org.openauthz.authz.oauth2.OAuth2Error;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Admission control for one port: at most {@code maxConcurrent} requests are worked on at once; a request beyond
 * that waits up to {@code maxWait} for a slot and is otherwise answered 503 with {@code Retry-After} at once (RFC
 * 9110 §15.6.4). Under several times the load the server can carry, accepted requests keep close to the saturation
 * rate and a bounded latency, instead of every request slowing down together and queues growing without bound
 * (docs/operations.md, "Overload"). Health checks are never refused, so a load balancer can still see the replica.
 */
public final class OverloadFilter extends HttpFilter {
    private final transient Semaphore slots;
    private final long maxWaitNanos;
    private final transient Predicate<String> oauthEndpoint;
    private final transient ErrorRenderer errors;
    private final transient ObjectMapper json;

    /**
     * @param oauthEndpoint which paths are OAuth 2.0 endpoints, refused with {@code temporarily_unavailable} (RFC 6749
     *                      §4.1.2.1); the others (the admin API's management paths) get {@code server_error}
     */
    public OverloadFilter(int maxConcurrent, Duration maxWait, Predicate<String> oauthEndpoint, ErrorRenderer errors,
                          ObjectMapper json) {
        this.slots = new Semaphore(maxConcurrent);
        this.maxWaitNanos = maxWait.toNanos();
        this.oauthEndpoint = oauthEndpoint;
        this.errors = errors;
        this.json = json;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI();
        if (path.startsWith("/health/")) {
            chain.doFilter(request, response);
            return;
        }
        if (!acquire()) {
            UnreadRequestBody.closeConnectionIfAny(request, response);
            refuse(path, response);
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            slots.release();
        }
    }

    private boolean acquire() {
        if (slots.tryAcquire()) {
            return true;
        }
        try {
            return slots.tryAcquire(maxWaitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void refuse(String path, HttpServletResponse response) throws IOException {
        OAuth2Error error = (oauthEndpoint.test(path) ? OAuth2Error.TEMPORARILY_UNAVAILABLE
                : OAuth2Error.SERVER_ERROR.withStatus(503))
                .withHint("The server is overloaded; retry after the time in Retry-After.");
        response.setStatus(503);
        ErrorRenderer.headers(error).forEach(response::setHeader);
        response.setContentType("application/json;charset=UTF-8");
        json.writeValue(response.getOutputStream(), errors.render(error));
    }
}
