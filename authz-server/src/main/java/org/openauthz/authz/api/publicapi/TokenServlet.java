package org.openauthz.authz.api.publicapi;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.openauthz.authz.api.FormEndpoint;

import java.io.IOException;

/**
 * {@code POST /oauth2/token}: the token endpoint (RFC 6749 §3.2), the hottest path of the server, as a plain servlet
 * (decision 0005). The protocol work is in {@link org.openauthz.authz.oauth2.TokenEndpoint}.
 */
public final class TokenServlet extends HttpServlet {
    private final transient FormEndpoint endpoint;

    public TokenServlet(FormEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if ("OPTIONS".equals(request.getMethod())) {
            // Hydra v1.10 routes OPTIONS here to an empty 200, which is what a CORS preflight reaches with
            // serve.public.cors.options_passthrough (decision 0011).
            response.setHeader("Allow", "POST, OPTIONS");
            response.setStatus(HttpServletResponse.SC_OK);
            return;
        }
        endpoint.respond(request, response);
    }
}
