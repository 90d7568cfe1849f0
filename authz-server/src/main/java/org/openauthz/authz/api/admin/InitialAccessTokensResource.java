package org.openauthz.authz.api.admin;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.openauthz.authz.client.InitialAccessTokens;
import org.openauthz.authz.oauth2.OAuth2Error;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Admin {@code POST /oauth2/register/initial-access-tokens}: issues an initial access token for closed registration
 * (<a href="https://www.rfc-editor.org/rfc/rfc7591#section-3">RFC 7591 §3</a>; decision 0018). Not in Hydra. The body
 * is optional; the token is returned this once and stored only as a hash.
 */
@Path("/oauth2/register/initial-access-tokens")
@Produces(MediaType.APPLICATION_JSON)
public final class InitialAccessTokensResource {
    private static final int MAX_BODY_BYTES = 4096;

    private final InitialAccessTokens tokens;
    private final ObjectMapper json;

    public InitialAccessTokensResource(InitialAccessTokens tokens, ObjectMapper json) {
        this.tokens = tokens;
        this.json = json;
    }

    /** {@code expires_in}: seconds, default a day; {@code single_use}: spent by the first registration. */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record IssueRequest(@JsonProperty("expires_in") Long expiresIn, @JsonProperty("single_use") Boolean singleUse) {
    }

    @POST
    public Response issue(InputStream body) {
        IssueRequest request = parse(body);
        InitialAccessTokens.Issued issued = tokens.issue(
                request.expiresIn() == null ? null : Duration.ofSeconds(request.expiresIn()),
                Boolean.TRUE.equals(request.singleUse()));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("initial_access_token", issued.token());
        answer.put("expires_at", issued.expiresAt().toString());
        answer.put("single_use", issued.singleUse());
        return Response.status(201).entity(answer).header("Cache-Control", "no-store").build();
    }

    private IssueRequest parse(InputStream body) {
        try {
            byte[] bytes = body == null ? new byte[0] : body.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw OAuth2Error.INVALID_REQUEST.withHint("The request body is too large.").toException();
            }
            return new String(bytes, java.nio.charset.StandardCharsets.UTF_8).isBlank() ? new IssueRequest(null, null)
                    : json.readValue(bytes, IssueRequest.class);
        } catch (IOException e) {
            throw OAuth2Error.INVALID_REQUEST.withHint("The body must be a JSON object with the optional fields "
                    + "'expires_in' (seconds) and 'single_use' (boolean).").toException();
        }
    }
}
