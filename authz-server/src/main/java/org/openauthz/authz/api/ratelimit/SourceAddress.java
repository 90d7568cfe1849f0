package org.openauthz.authz.api.ratelimit;

import jakarta.servlet.http.HttpServletRequest;

import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;

/**
 * The address a request came from, for rate limits. With {@code trustedProxyHops} 0 it is the connection's peer.
 * Behind N trusted proxies it is the N-th address from the right of {@code X-Forwarded-For} (every proxy appends the
 * address it received the request from, so the last N entries were written by proxies we trust, and anything left
 * of them may be written by the client; RFC 7239 §5.2 describes the same chain for {@code Forwarded}). A request
 * with fewer entries did not pass through every proxy, so its peer is used instead.
 */
public final class SourceAddress {
    private static final String HEADER = "X-Forwarded-For";

    private final int trustedProxyHops;

    public SourceAddress(int trustedProxyHops) {
        this.trustedProxyHops = trustedProxyHops;
    }

    public String of(HttpServletRequest request) {
        if (trustedProxyHops == 0) {
            return request.getRemoteAddr();
        }
        List<String> chain = new ArrayList<>();
        Enumeration<String> headers = request.getHeaders(HEADER);
        while (headers != null && headers.hasMoreElements()) {
            for (String entry : headers.nextElement().split(",")) {
                String address = entry.trim();
                if (!address.isEmpty()) {
                    chain.add(address);
                }
            }
        }
        return chain.size() < trustedProxyHops ? request.getRemoteAddr() : chain.get(chain.size() - trustedProxyHops);
    }
}
