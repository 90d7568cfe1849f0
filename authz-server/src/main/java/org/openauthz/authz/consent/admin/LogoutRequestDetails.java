package org.openauthz.authz.consent.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.openauthz.authz.client.OAuth2Client;

/**
 * A logout request as the logout app reads it ({@code GET /oauth2/auth/requests/logout}), with Hydra v1.10's field
 * names; {@code client} (the relying party of an RP-initiated logout) is Hydra v2's addition, absent otherwise.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LogoutRequestDetails(
        @JsonProperty("challenge") String challenge,
        @JsonProperty("subject") String subject,
        @JsonProperty("sid") String sid,
        @JsonProperty("request_url") String requestUrl,
        @JsonProperty("rp_initiated") boolean rpInitiated,
        @JsonProperty("client") OAuth2Client client) {
}
