package org.openauthz.authz.api.admin;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.openauthz.authz.consent.admin.RedirectTo;
import org.openauthz.authz.oauth2.device.DeviceUserCodeCheck;

/**
 * Admin {@code PUT /oauth2/auth/requests/device/accept?device_challenge=...} with {@code {"user_code": "..."}}: the
 * login app's device page hands over the code the user typed; on success the browser goes to {@code redirect_to},
 * where the usual login and consent requests begin (decision 0017). Wrong codes are limited per challenge and per
 * source address ({@link DeviceUserCodeCheck}).
 */
@Path("/oauth2/auth/requests/device")
@Produces(MediaType.APPLICATION_JSON)
public final class DeviceRequestsResource {
    /** The body of the accept call. */
    public record AcceptDeviceUserCode(@JsonProperty("user_code") String userCode) {
    }

    private final DeviceUserCodeCheck check;
    private final String verifyUrl;

    public DeviceRequestsResource(DeviceUserCodeCheck check, String verifyUrl) {
        this.check = check;
        this.verifyUrl = verifyUrl;
    }

    @PUT
    @Path("/accept")
    @Consumes(MediaType.APPLICATION_JSON)
    public RedirectTo accept(@QueryParam("device_challenge") String challenge, AcceptDeviceUserCode body) {
        String verifier = check.accept(challenge, ClientsResource.requireBody(body).userCode());
        return new RedirectTo(verifyUrl + "?device_verifier=" + verifier);
    }
}
