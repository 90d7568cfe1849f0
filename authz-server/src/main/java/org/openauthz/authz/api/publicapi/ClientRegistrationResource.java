package org.openauthz.authz.api.publicapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import org.openauthz.authz.client.ClientInformation;
import org.openauthz.authz.client.ClientRegistration;
import org.openauthz.authz.oauth2.OAuth2Error;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;

/**
 * The client registration endpoint {@code /oauth2/register}
 * (<a href="https://www.rfc-editor.org/rfc/rfc7591#section-3">RFC 7591 §3</a>) and the client configuration endpoint
 * {@code /oauth2/register/{id}} (<a href="https://www.rfc-editor.org/rfc/rfc7592#section-2">RFC 7592 §2</a>), the
 * paths Hydra v2 serves them at. The body is read up to the configured limit and no further.
 */
@Path("/oauth2/register")
@Produces(MediaType.APPLICATION_JSON)
public final class ClientRegistrationResource {
    private final ClientRegistration registration;
    private final ObjectMapper json;
    private final String endpoint;

    /** {@code endpoint}: the absolute URL of this endpoint, which the client configuration URIs extend. */
    public ClientRegistrationResource(ClientRegistration registration, ObjectMapper json, String endpoint) {
        this.registration = registration;
        this.json = json;
        this.endpoint = endpoint;
    }

    @POST
    public Response register(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, InputStream body) {
        ClientRegistration.Registered registered = registration.register(read(body),
                BearerToken.fromHeader(authorization));
        URI location = configurationUri(registered.client().clientId());
        return Response.created(location).entity(answer(registered)).header("Cache-Control", "no-store")
                .header("Pragma", "no-cache").build();
    }

    @GET
    @Path("/{id}")
    public Response read(@PathParam("id") String id, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return NoStore.ok(answer(registration.read(id, BearerToken.fromHeader(authorization))));
    }

    @PUT
    @Path("/{id}")
    public Response update(@PathParam("id") String id, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                           InputStream body) {
        return NoStore.ok(answer(registration.update(id, BearerToken.fromHeader(authorization), read(body))));
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") String id, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        registration.delete(id, BearerToken.fromHeader(authorization));
        return Response.noContent().build();
    }

    private Object answer(ClientRegistration.Registered registered) {
        return ClientInformation.of(json, registered, configurationUri(registered.client().clientId()).toString());
    }

    private URI configurationUri(String clientId) {
        return UriBuilder.fromUri(endpoint).path("{id}").build(clientId);
    }

    private byte[] read(InputStream body) {
        try {
            return body == null ? new byte[0] : body.readNBytes(registration.maxRequestBytes() + 1);
        } catch (IOException e) {
            throw OAuth2Error.INVALID_REQUEST.withHint("The request body could not be read.").toException();
        }
    }
}
