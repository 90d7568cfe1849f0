package org.openauthz.authz.api.publicapi;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.openauthz.authz.oauth2.FormParameters;
import org.openauthz.authz.oauth2.device.DeviceAuthorization;

/**
 * {@code POST /oauth2/device/auth}: the device authorization endpoint
 * (<a href="https://www.rfc-editor.org/rfc/rfc8628#section-3.1">RFC 8628 §3.1</a>); errors are the token endpoint's
 * (§3.2), as JSON.
 */
@Path("/oauth2/device/auth")
public final class DeviceAuthorizationResource {
    private final DeviceAuthorization authorization;

    public DeviceAuthorizationResource(DeviceAuthorization authorization) {
        this.authorization = authorization;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Response authorize(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorizationHeader,
                              MultivaluedMap<String, String> body) {
        return Response.ok(authorization.authorize(authorizationHeader, new FormParameters(body)))
                .header("Cache-Control", "no-store").header("Pragma", "no-cache").build();
    }
}
