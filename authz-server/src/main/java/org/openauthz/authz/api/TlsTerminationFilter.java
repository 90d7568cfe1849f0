package org.openauthz.authz.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.openauthz.authz.api.errors.ErrorRenderer;
import org.openauthz.authz.config.CidrRange;
import org.openauthz.authz.oauth2.OAuth2Error;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.Set;

/**
 * The gate of a port served as plain HTTP behind a TLS-terminating proxy ({@code serve.tls.allow_termination_from}).
 * As in Hydra v1.10, a request is served only if it comes from an allowed proxy and says, with
 * {@code X-Forwarded-Proto: https}, that the client used TLS; anything else is answered 502 "can not serve request
 * over insecure http". Health and metrics paths are always served, so probes can reach the port directly.
 * The proxy is the immediate peer of the connection; {@code X-Forwarded-For} is not consulted, because a client that
 * reaches the port directly could write any address into it (decision 0013).
 */
public final class TlsTerminationFilter extends HttpFilter {
    static final String ERROR = "can not serve request over insecure http";
    private static final Set<String> ALWAYS_SERVED = Set.of("/health/alive", "/health/ready", "/metrics/prometheus");
    private static final Logger LOG = LoggerFactory.getLogger(TlsTerminationFilter.class);

    private final String port;
    private final transient List<CidrRange> proxies;
    private final transient ErrorRenderer errors;
    private final transient ObjectMapper json;

    /** @param port the port's name for the logs ({@code public} or {@code admin}) */
    public TlsTerminationFilter(String port, List<CidrRange> proxies, ErrorRenderer errors, ObjectMapper json) {
        this.port = port;
        this.proxies = List.copyOf(proxies);
        this.errors = errors;
        this.json = json;
    }

    @Override
    public void init() {
        LOG.info("The {} port serves plain HTTP to TLS-terminating proxies in {} only", port, proxies);
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String refusal = ALWAYS_SERVED.contains(request.getRequestURI()) ? null : refusal(request);
        if (refusal == null) {
            chain.doFilter(request, response);
            return;
        }
        LOG.warn("Could not serve http connection from {} on the {} port: {}", request.getRemoteAddr(), port,
                refusal);
        OAuth2Error error = new OAuth2Error(ERROR, refusal, null, HttpServletResponse.SC_BAD_GATEWAY, null);
        UnreadRequestBody.closeConnectionIfAny(request, response);
        response.setStatus(error.status());
        ErrorRenderer.headers(error).forEach(response::setHeader);
        response.setContentType("application/json;charset=UTF-8");
        json.writeValue(response.getOutputStream(), errors.render(error));
    }

    /** Why the request is refused, or null when it came through an allowed proxy over TLS. */
    private String refusal(HttpServletRequest request) {
        if (!fromAllowedProxy(request.getRemoteAddr())) {
            return "The request did not come from a TLS-terminating proxy allowed by "
                    + "serve.tls.allow_termination_from.";
        }
        String proto = request.getHeader("X-Forwarded-Proto");
        if (proto == null || proto.isEmpty()) {
            return "The X-Forwarded-Proto header is missing.";
        }
        if (!"https".equals(proto)) {
            return "Expected the X-Forwarded-Proto header to be https but got: " + proto;
        }
        return null;
    }

    private boolean fromAllowedProxy(String peer) {
        InetAddress address = CidrRange.address(peer);
        return address != null && proxies.stream().anyMatch(range -> range.contains(address));
    }
}
