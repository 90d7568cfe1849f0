package org.openauthz.authz.api.admin;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.openauthz.authz.client.ClientService;
import org.openauthz.authz.client.OAuth2Client;
import org.openauthz.authz.config.GoDuration;
import org.openauthz.authz.oauth2.OAuth2Error;
import org.openauthz.authz.storage.Page;

import java.net.URI;
import java.time.Duration;

/**
 * Admin {@code /clients}: OAuth 2.0 client management with Hydra v1.10's shapes (docs/admin-api; the
 * metadata follows <a href="https://www.rfc-editor.org/rfc/rfc7591#section-2">RFC 7591 §2</a>).
 */
@Path("/clients")
@Produces(MediaType.APPLICATION_JSON)
public final class ClientsResource {
    /** How long the replaced secret keeps working when the rotation request names no overlap. */
    public static final Duration DEFAULT_OVERLAP = Duration.ofHours(24);

    private final ClientService clients;

    public ClientsResource(ClientService clients) {
        this.clients = clients;
    }

    @GET
    public Response list(@QueryParam("limit") String limit, @QueryParam("offset") String offset,
                         @QueryParam("client_name") String clientName, @QueryParam("owner") String owner,
                         @Context UriInfo uri) {
        Pagination paging = Pagination.parse(limit, offset);
        Page<OAuth2Client> page = clients.list(paging.limit(), paging.offset(), emptyToNull(clientName),
                emptyToNull(owner));
        return paging.headers(Response.ok(page.items()), uri, page.total()).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(OAuth2Client body) {
        OAuth2Client created = clients.create(requireBody(body));
        URI location = jakarta.ws.rs.core.UriBuilder.fromPath("/clients/{id}").build(created.clientId());
        return Response.created(location).entity(created).build();
    }

    @GET
    @Path("/{id}")
    public OAuth2Client get(@PathParam("id") String id) {
        return clients.get(id);
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public OAuth2Client update(@PathParam("id") String id, OAuth2Client body) {
        return clients.update(id, requireBody(body));
    }

    @PATCH
    @Path("/{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/json-patch+json"})
    public OAuth2Client patch(@PathParam("id") String id, JsonNode patch) {
        return clients.patch(id, requireBody(patch));
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") String id) {
        clients.delete(id);
        return Response.noContent().build();
    }

    /** Body of {@code POST /clients/{id}/secret/rotate}; both fields optional. */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record SecretRotation(@JsonProperty("overlap") String overlap,
                                 @JsonProperty("client_secret_expires_at") Long clientSecretExpiresAt) {
    }

    /**
     * {@code POST /clients/{id}/secret/rotate} (not in Hydra; decision 0021): a new generated secret, returned once
     * with the client; the old one keeps working for {@code overlap} (a duration such as {@code 24h}, default
     * {@link #DEFAULT_OVERLAP}; {@code 0s} ends it at once).
     */
    @POST
    @Path("/{id}/secret/rotate")
    @Consumes(MediaType.APPLICATION_JSON)
    public OAuth2Client rotateSecret(@PathParam("id") String id, SecretRotation body) {
        SecretRotation request = body == null ? new SecretRotation(null, null) : body;
        Duration overlap = DEFAULT_OVERLAP;
        if (request.overlap() != null) {
            try {
                overlap = GoDuration.parse(request.overlap());
            } catch (IllegalArgumentException e) {
                throw OAuth2Error.INVALID_REQUEST.withHint("Field 'overlap' must be a duration such as 24h or 30m.")
                        .toException();
            }
            if (overlap.isNegative()) {
                throw OAuth2Error.INVALID_REQUEST.withHint("Field 'overlap' must not be negative.").toException();
            }
        }
        return clients.rotateSecret(id, overlap,
                request.clientSecretExpiresAt() == null ? 0L : request.clientSecretExpiresAt());
    }

    static <T> T requireBody(T body) {
        if (body == null) {
            throw OAuth2Error.INVALID_REQUEST.withHint("The request body is empty; it must be a JSON document.")
                    .toException();
        }
        return body;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
