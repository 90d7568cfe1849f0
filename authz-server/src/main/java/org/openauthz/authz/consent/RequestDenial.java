package org.openauthz.authz.consent;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Body of {@code PUT .../login/reject} and {@code .../consent/reject} (Hydra v1.10's {@code RejectRequest},
 * docs/admin-api/README.md); surfaces to the client as the authorization error. Defaults:
 * {@code login request denied} / {@code consent request denied}, 400.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = false)
public record RequestDenial(
        @JsonProperty("error") String error,
        @JsonProperty("error_description") String errorDescription,
        @JsonProperty("error_hint") String errorHint,
        @JsonProperty("error_debug") String errorDebug,
        @JsonProperty("status_code") Integer statusCode) {

    public RequestDenial withDefaults(String defaultError) {
        return new RequestDenial(error == null || error.isEmpty() ? defaultError : error, errorDescription, errorHint,
                errorDebug, statusCode == null || statusCode == 0 ? 400 : statusCode);
    }
}
