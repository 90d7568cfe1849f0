package org.openauthz.authz.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import org.openauthz.authz.oauth2.OAuth2Error;
import org.openauthz.authz.oauth2.OAuth2Exception;

import java.io.IOException;

/**
 * The body of a registration request (<a href="https://www.rfc-editor.org/rfc/rfc7591#section-3.1">RFC 7591 §3.1</a>)
 * or update request (<a href="https://www.rfc-editor.org/rfc/rfc7592#section-2.2">RFC 7592 §2.2</a>): a JSON object of
 * client metadata, at most {@code maxBytes} long. Metadata this server does not know is ignored, as RFC 7591 §2
 * requires; a known field of the wrong type, malformed JSON or an oversized body is {@code invalid_client_metadata}.
 */
public final class RegistrationRequest {
    private final ObjectMapper json;
    private final int maxBytes;

    public RegistrationRequest(ObjectMapper json, int maxBytes) {
        this.json = json;
        this.maxBytes = maxBytes;
    }

    public int maxBytes() {
        return maxBytes;
    }

    /** {@code body}: at most {@code maxBytes + 1} bytes of the request, so that an oversized one is recognised. */
    public OAuth2Client parse(byte[] body) {
        if (body.length > maxBytes) {
            throw invalid("The client metadata is larger than " + maxBytes + " bytes.");
        }
        JsonNode tree;
        try {
            tree = json.readTree(body);
        } catch (IOException e) {
            throw invalid("The request body is not valid JSON; it must be a JSON object of client metadata.");
        }
        if (tree == null || !tree.isObject()) {
            throw invalid("The request body must be a JSON object of client metadata.");
        }
        try {
            return json.treeToValue(tree, OAuth2Client.class);
        } catch (MismatchedInputException e) {
            String field = e.getPath().isEmpty() ? "" : e.getPath().get(0).getFieldName();
            throw invalid("Field '" + field + "' has the wrong type.");
        } catch (JsonProcessingException e) {
            throw invalid("The client metadata could not be read.");
        }
    }

    private static OAuth2Exception invalid(String hint) {
        return OAuth2Error.INVALID_CLIENT_METADATA.withHint(hint).toException();
    }
}
