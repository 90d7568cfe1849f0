package org.openauthz.authz.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.openauthz.authz.api.errors.ErrorRenderer;
import org.openauthz.authz.api.errors.ExceptionClassifier;
import org.openauthz.authz.oauth2.FormParameters;
import org.openauthz.authz.oauth2.OAuth2Error;
import org.openauthz.authz.oauth2.OAuth2Exception;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A form-POST endpoint answered without Jersey (decision 0005): the token and introspection endpoints, the hottest
 * paths. Parses the form, calls the protocol core, writes JSON with {@code Cache-Control: no-store}, and renders
 * errors exactly like the Jersey mappers do.
 */
public final class FormEndpoint {
    private static final String JSON = "application/json;charset=UTF-8";
    /** Forms here are small; Jetty refuses forms above 200,000 bytes anyway. */
    public static final long MAX_FORM_BYTES = 64 * 1024;
    /** Bodies up to this size are read and discarded before answering 413, so the client sees the answer. */
    private static final long MAX_DRAIN_BYTES = 8L * 1024 * 1024;

    /**
     * The protocol work: from the Authorization header, the form and the DPoP header values (RFC 9449 §4.1; only the
     * token endpoint reads them) to the response body.
     */
    @FunctionalInterface
    public interface Handler {
        Object handle(String authorization, FormParameters form, List<String> dpopProofs);
    }

    private final Handler handler;
    private final JsonErrorWriter errors;
    private final ExceptionClassifier classifier;
    private final ObjectMapper json;

    public FormEndpoint(Handler handler, ErrorRenderer errors, ExceptionClassifier classifier, ObjectMapper json) {
        this.handler = handler;
        this.errors = new JsonErrorWriter(errors, json);
        this.classifier = classifier;
        this.json = json;
    }

    public void respond(HttpServletRequest request, HttpServletResponse response) throws IOException {
        noStore(response);
        if (!"POST".equals(request.getMethod())) {
            errors.methodNotAllowed(response, "POST");
            return;
        }
        try {
            String contentType = request.getContentType();
            if (contentType == null || !contentType.toLowerCase(Locale.ROOT)
                    .startsWith("application/x-www-form-urlencoded")) {
                // RFC 6749 §3.2 and RFC 7662 §2.1: the request uses the application/x-www-form-urlencoded format.
                throw OAuth2Error.INVALID_REQUEST.withHint("The request must be sent as "
                        + "application/x-www-form-urlencoded.").toException();
            }
            if (request.getContentLengthLong() > MAX_FORM_BYTES) {
                tooLarge(request, response);
                return;
            }
            Map<String, List<String>> form = new HashMap<>();
            for (Map.Entry<String, String[]> e : request.getParameterMap().entrySet()) {
                form.put(e.getKey(), Arrays.asList(e.getValue()));
            }
            Object body = handler.handle(request.getHeader("Authorization"), new FormParameters(form),
                    java.util.Collections.list(request.getHeaders("DPoP")));
            response.setStatus(200);
            response.setContentType(JSON);
            json.writeValue(response.getOutputStream(), body);
        } catch (OAuth2Exception e) {
            error(response, e.error());
        } catch (org.eclipse.jetty.http.BadMessageException e) {
            // A body Jetty cannot decode as a form (bad percent-encoding, too many parameters).
            error(response, OAuth2Error.INVALID_REQUEST.withHint("The request body is not a valid form."));
        } catch (RuntimeException e) {
            error(response, classifier.classify(e));
        }
    }

    /**
     * Answers 413 for an oversized form. The body is read (up to a bound) first: answering before the client has
     * sent it makes many clients see a reset connection instead of the error.
     */
    private void tooLarge(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getContentLengthLong() <= MAX_DRAIN_BYTES) {
            byte[] buffer = new byte[16 * 1024];
            java.io.InputStream in = request.getInputStream();
            while (in.read(buffer) >= 0) {
                // discard
            }
        } else {
            response.setHeader("Connection", "close");
        }
        error(response, OAuth2Error.INVALID_REQUEST.withStatus(413).withHint("The request body is too large."));
    }

    private void error(HttpServletResponse response, OAuth2Error error) throws IOException {
        errors.write(response, error);
    }

    private static void noStore(HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Pragma", "no-cache");
    }
}
