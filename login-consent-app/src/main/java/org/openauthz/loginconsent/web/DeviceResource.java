package org.openauthz.loginconsent.web;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.openauthz.loginconsent.admin.AdminFailure;
import org.openauthz.loginconsent.admin.AdminGateway;
import org.openauthz.loginconsent.views.DeviceView;

/**
 * {@code /device}: the page {@code urls.device_verification} points to (RFC 8628 §3.3). The authorization server's
 * {@code /oauth2/device/verify} sends the browser here with a {@code device_challenge} (and the {@code user_code}
 * when the device's link carried it); the person types the code their device shows, we hand it to the admin API, and
 * the browser goes on to the usual login and consent.
 */
@Path("/device")
@Produces("text/html;charset=UTF-8")
public final class DeviceResource {
    private static final int TOO_MANY_ATTEMPTS = 429;
    private static final int LONGEST_CODE = 32;

    private final AdminGateway admin;
    private final CsrfGuard csrf;

    public DeviceResource(AdminGateway admin, CsrfGuard csrf) {
        this.admin = admin;
        this.csrf = csrf;
    }

    @GET
    public Response show(@QueryParam("device_challenge") String deviceChallenge,
                         @QueryParam("user_code") String userCode,
                         @CookieParam(CsrfGuard.COOKIE) String csrfCookie,
                         @Context HttpHeaders headers, @Context UriInfo uri) {
        String challenge = Challenges.require(deviceChallenge, "device_challenge");
        String token = csrf.tokenFor(csrfCookie);
        return Response.ok(DeviceView.first(challenge, token, shortened(userCode)))
                .cookie(csrf.cookie(token, Redirects.overHttps(headers, uri)))
                .build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response submit(@FormParam("challenge") String formChallenge,
                           @FormParam(CsrfGuard.FIELD) String csrfField,
                           @CookieParam(CsrfGuard.COOKIE) String csrfCookie,
                           @FormParam("user_code") String userCode,
                           @Context HttpHeaders headers, @Context UriInfo uri) {
        if (!csrf.matches(csrfCookie, csrfField)) {
            throw PageException.csrf();
        }
        String challenge = Challenges.require(formChallenge, "challenge");
        String typed = shortened(userCode);
        try {
            return Redirects.to(admin.acceptUserCode(challenge, typed));
        } catch (AdminFailure failure) {
            String message = failure.kind() == AdminFailure.Kind.REFUSED ? DeviceView.WRONG_CODE
                    : failure.status() == TOO_MANY_ATTEMPTS ? DeviceView.TOO_MANY : null;
            if (message == null) {
                throw failure;
            }
            // 200 like the login page after wrong credentials: the page itself is the answer.
            return Response.ok(DeviceView.retry(challenge, csrfCookie, typed, message))
                    .cookie(csrf.cookie(csrfCookie, Redirects.overHttps(headers, uri)))
                    .build();
        }
    }

    private static String shortened(String userCode) {
        if (userCode == null) {
            return "";
        }
        String trimmed = userCode.trim();
        return trimmed.length() > LONGEST_CODE ? trimmed.substring(0, LONGEST_CODE) : trimmed;
    }
}
