package org.openauthz.authz.consent.admin;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Map;

/** The {@code session} of an accepted consent: the claims the consent app adds to the access token and ID token. */
@JsonIgnoreProperties(ignoreUnknown = false)
public record ConsentSession(
        @JsonProperty("access_token") Map<String, Object> accessToken,
        @JsonProperty("id_token") Map<String, Object> idToken) {
}
