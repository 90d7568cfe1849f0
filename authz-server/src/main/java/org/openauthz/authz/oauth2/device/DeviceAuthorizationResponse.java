package org.openauthz.authz.oauth2.device;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The device authorization response (<a href="https://www.rfc-editor.org/rfc/rfc8628#section-3.2">RFC 8628 §3.2</a>). */
public record DeviceAuthorizationResponse(
        @JsonProperty("device_code") String deviceCode,
        @JsonProperty("user_code") String userCode,
        @JsonProperty("verification_uri") String verificationUri,
        @JsonProperty("verification_uri_complete") String verificationUriComplete,
        @JsonProperty("expires_in") long expiresIn,
        @JsonProperty("interval") int interval) {
}
