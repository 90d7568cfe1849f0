package org.openauthz.cli.token.device;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The device authorization response (RFC 8628 section 3.2). {@code interval} defaults to 5 seconds when the server
 * sends none, as the RFC says.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8628#section-3.2">RFC 8628 section 3.2</a>
 */
public record DeviceAuthorization(String deviceCode, String userCode, String verificationUri,
                                  String verificationUriComplete, long expiresIn, long interval) {

    static final long DEFAULT_INTERVAL = 5;

    /** {@code null} when a required field is missing. */
    static DeviceAuthorization fromJson(JsonNode json) {
        String deviceCode = text(json, "device_code");
        String userCode = text(json, "user_code");
        String verificationUri = text(json, "verification_uri");
        if (deviceCode == null || userCode == null || verificationUri == null || !json.path("expires_in").canConvertToLong()) {
            return null;
        }
        long interval = json.path("interval").canConvertToLong() ? json.get("interval").asLong() : DEFAULT_INTERVAL;
        return new DeviceAuthorization(deviceCode, userCode, verificationUri, text(json, "verification_uri_complete"),
                json.get("expires_in").asLong(), Math.max(0, interval));
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || !value.isTextual() || value.asText().isEmpty() ? null : value.asText();
    }

    /** Never prints the device code. */
    @Override
    public String toString() {
        return "DeviceAuthorization[verificationUri=" + verificationUri + ", expiresIn=" + expiresIn + "]";
    }
}
