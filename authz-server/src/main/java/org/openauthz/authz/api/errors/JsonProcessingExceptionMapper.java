package org.openauthz.authz.api.errors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.openauthz.authz.oauth2.OAuth2Error;

import java.util.stream.Collectors;

/**
 * Malformed or mistyped JSON bodies: 400 {@code invalid_request} naming the field, never the parser's internals.
 * Unknown fields are refused, as Hydra v1.10 does for login/consent bodies (Go's DisallowUnknownFields).
 */
public final class JsonProcessingExceptionMapper implements ExceptionMapper<JsonProcessingException> {
    private final ErrorRenderer renderer;

    public JsonProcessingExceptionMapper(ErrorRenderer renderer) {
        this.renderer = renderer;
    }

    @Override
    public Response toResponse(JsonProcessingException exception) {
        return OAuth2ExceptionMapper.response(renderer, error(exception));
    }

    /** The error answered for a body that is not the JSON expected, also by the servlet endpoints. */
    public static OAuth2Error error(JsonProcessingException exception) {
        String hint;
        if (exception instanceof UnrecognizedPropertyException unknown) {
            hint = "The request body has an unknown field '" + unknown.getPropertyName() + "'.";
        } else if (exception instanceof InvalidFormatException || exception instanceof MismatchedInputException) {
            String path = ((MismatchedInputException) exception).getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."));
            hint = path.isEmpty() ? "The request body does not have the expected JSON type."
                    : "The field '" + path + "' of the request body has the wrong type.";
        } else {
            hint = "The request body is not valid JSON.";
        }
        return OAuth2Error.INVALID_REQUEST.withHint(hint);
    }
}
