package org.openauthz.authz.api.publicapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.openauthz.authz.api.errors.CatchAllExceptionMapper;
import org.openauthz.authz.api.errors.ErrorRenderer;
import org.openauthz.authz.oauth2.FormParameters;
import org.openauthz.authz.oauth2.OAuth2Error;
import org.openauthz.authz.oauth2.OAuth2Exception;
import org.openauthz.authz.oauth2.TokenEndpoint;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /oauth2/token}: the token endpoint (RFC 6749 §3.2), the hottest path of the server. It is a plain
 * servlet rather than a Jersey resource: Jersey's per-request machinery cost more than issuing the token itself
 * (docs/performance.md, decision 0005). The protocol work stays in {@link TokenEndpoint}; this class only parses
 * the form and renders JSON, with the same error shapes as the Jersey mappers.
 */
public final class TokenServlet extends HttpServlet {
    private static final String JSON = "application/json;charset=UTF-8";

    private final transient TokenEndpoint endpoint;
    private final transient ErrorRenderer errors;
    private final transient ObjectMapper json;

    public TokenServlet(TokenEndpoint endpoint, ErrorRenderer errors, ObjectMapper json) {
        this.endpoint = endpoint;
        this.errors = errors;
        this.json = json;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        noStore(response);
        try {
            String contentType = request.getContentType();
            if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT)
                    .startsWith("application/x-www-form-urlencoded")) {
                // RFC 6749 §4.1.3/§4.4.2: the request uses the application/x-www-form-urlencoded format.
                throw OAuth2Error.INVALID_REQUEST.withHint("The request must be sent as "
                        + "application/x-www-form-urlencoded.").toException();
            }
            Map<String, List<String>> form = new HashMap<>();
            for (Map.Entry<String, String[]> e : request.getParameterMap().entrySet()) {
                form.put(e.getKey(), Arrays.asList(e.getValue()));
            }
            Object body = endpoint.handle(request.getHeader("Authorization"), new FormParameters(form));
            response.setStatus(200);
            response.setContentType(JSON);
            json.writeValue(response.getOutputStream(), body);
        } catch (OAuth2Exception e) {
            error(response, e.error());
        } catch (org.eclipse.jetty.http.BadMessageException e) {
            // A body Jetty cannot decode as a form (bad percent-encoding, too many parameters).
            error(response, OAuth2Error.INVALID_REQUEST.withHint("The request body is not a valid form."));
        } catch (RuntimeException e) {
            error(response, CatchAllExceptionMapper.classify(e));
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        methodNotAllowed(response);
    }

    @Override
    protected void doPut(HttpServletRequest request, HttpServletResponse response) throws IOException {
        methodNotAllowed(response);
    }

    @Override
    protected void doDelete(HttpServletRequest request, HttpServletResponse response) throws IOException {
        methodNotAllowed(response);
    }

    private void methodNotAllowed(HttpServletResponse response) throws IOException {
        response.setHeader("Allow", "POST, OPTIONS");
        error(response, new OAuth2Error("method_not_allowed", "The HTTP method is not allowed on this path.", null,
                405, null));
    }

    private void error(HttpServletResponse response, OAuth2Error error) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        noStore(response);
        response.setStatus(error.status());
        response.setContentType(JSON);
        if (error.status() == 401) {
            // RFC 6749 §5.2: invalid_client after HTTP authentication answers 401 with a challenge.
            response.setHeader("WWW-Authenticate", "Basic realm=\"oauth2\", error=\"" + error.error() + "\"");
        }
        json.writeValue(response.getOutputStream(), errors.render(error));
    }

    private static void noStore(HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Pragma", "no-cache");
    }
}
