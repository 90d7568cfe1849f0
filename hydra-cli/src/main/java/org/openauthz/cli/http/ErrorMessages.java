package org.openauthz.cli.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.impl.EnglishReasonPhraseCatalog;
import org.openauthz.admin.client.ApiException;
import org.openauthz.cli.CliException;

/**
 * Turns HTTP and network failures into the single line the CLI prints, e.g.
 * {@code Could not create OAuth 2.0 Client: 409 Conflict: Unable to insert or update resource ...}
 * or {@code Could not reach the admin API at http://127.0.0.1:4445: connection refused}.
 */
public final class ErrorMessages {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY_CHARS = 300;

    private ErrorMessages() {
    }

    /** The failure of an admin API call made through the generated client. */
    public static CliException failure(String action, Endpoint endpoint, ApiException error) {
        Throwable cause = error.getCause();
        if (error.getCode() == 0 && cause instanceof JsonProcessingException json) {
            return new CliException(action + ": the " + endpoint.apiName() + " at " + endpoint.location()
                    + " sent a response this CLI could not read: " + json.getOriginalMessage(), error);
        }
        if (error.getCode() == 0 && cause instanceof IOException io) {
            return unreachable(endpoint, io);
        }
        if (error.getCode() == 0) {
            String message = error.getMessage() == null ? error.toString() : error.getMessage();
            return new CliException(action + ": " + message, error);
        }
        return new CliException(action + ": " + httpError(error.getCode(), error.getResponseBody()), error);
    }

    /** The failure of a request that never got an HTTP answer. */
    public static CliException unreachable(Endpoint endpoint, IOException error) {
        return new CliException("Could not reach the " + endpoint.apiName() + " at " + endpoint.location() + ": "
                + networkProblem(error), error);
    }

    /** "409 Conflict: text" where the text comes from the OAuth 2.0 error body when there is one. */
    public static String httpError(int status, String body) {
        String reason = EnglishReasonPhraseCatalog.INSTANCE.getReason(status, Locale.ENGLISH);
        String line = reason == null ? Integer.toString(status) : status + " " + reason;
        String text = errorText(body);
        return text.isEmpty() ? line : line + ": " + text;
    }

    /**
     * The most useful text of an error body: {@code error_description}, else {@code error}
     * (Hydra's flat OAuth2 error object), else the body itself cut to one line.
     */
    public static String errorText(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        try {
            JsonNode json = JSON.readTree(body);
            if (json != null && json.isObject()) {
                for (String field : new String[] {"error_description", "error", "message"}) {
                    JsonNode value = json.get(field);
                    if (value != null && value.isTextual() && !value.asText().isBlank()) {
                        return oneLine(value.asText());
                    }
                }
                JsonNode nested = json.get("error");
                if (nested != null && nested.isObject()) {
                    return errorText(nested.toString());
                }
            }
        } catch (IOException notJson) {
            // fall through to the raw body
        }
        return oneLine(body);
    }

    static String networkProblem(Throwable error) {
        Throwable cause = error;
        while (cause != null) {
            if (cause instanceof UnknownHostException) {
                return "unknown host " + cause.getMessage();
            }
            if (cause instanceof NoRouteToHostException) {
                return "no route to host";
            }
            if (cause instanceof ConnectException) {
                String message = cause.getMessage() == null ? "" : cause.getMessage().toLowerCase(Locale.ROOT);
                return message.contains("timed out") ? "connection timed out" : "connection refused";
            }
            if (cause instanceof SocketTimeoutException || cause instanceof InterruptedIOException) {
                return "timed out waiting for the server";
            }
            if (cause instanceof SSLHandshakeException) {
                return "TLS handshake failed (" + oneLine(String.valueOf(cause.getMessage()))
                        + "); use --skip-tls-verify to accept a self-signed certificate";
            }
            if (cause instanceof SSLException) {
                return "TLS error (" + oneLine(String.valueOf(cause.getMessage()))
                        + "); is the endpoint's scheme (http/https) right?";
            }
            if (cause instanceof NoHttpResponseException) {
                return "the server closed the connection without answering";
            }
            cause = cause.getCause();
        }
        String message = error.getMessage();
        return message == null || message.isBlank() ? error.getClass().getSimpleName() : oneLine(message);
    }

    private static String oneLine(String text) {
        String line = text.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
        return line.length() > MAX_BODY_CHARS ? line.substring(0, MAX_BODY_CHARS) + "..." : line;
    }
}
