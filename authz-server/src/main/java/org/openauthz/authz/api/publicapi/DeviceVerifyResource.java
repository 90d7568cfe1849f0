package org.openauthz.authz.api.publicapi;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.openauthz.authz.consent.BrowserRequest;
import org.openauthz.authz.consent.ConsentStrategy;
import org.openauthz.authz.consent.FlowOutcome;
import org.openauthz.authz.oauth2.OAuth2Error;
import org.openauthz.authz.oauth2.OAuth2Exception;
import org.openauthz.authz.oauth2.authorize.AuthorizeException;
import org.openauthz.authz.oauth2.authorize.ResponseModeDelivery;
import org.openauthz.authz.oauth2.device.DeviceChallenges;
import org.openauthz.authz.oauth2.device.DeviceConsent;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /oauth2/device/verify}, the device grant's {@code verification_uri}
 * (<a href="https://www.rfc-editor.org/rfc/rfc8628#section-3.3">RFC 8628 §3.3</a>). Without a verifier it sends the
 * browser to the login app's device page ({@code urls.device_verification}) with a fresh {@code device_challenge}
 * (and the {@code user_code} of {@code verification_uri_complete}, to prefill). Once the login app accepted the
 * user code, the browser comes back with a {@code device_verifier}, and the usual login and consent requests run for
 * the device's client exactly as at {@code /oauth2/auth}; consent ends on {@code urls.device_success}.
 */
@Path("/oauth2/device/verify")
public final class DeviceVerifyResource {
    private final DeviceChallenges challenges;
    private final DeviceConsent devices;
    private final ConsentStrategy strategy;
    private final ResponseModeDelivery responder;
    private final String endpointUrl;
    private final URI verificationPage;
    private final URI successPage;
    private final FlowCookieWriter cookies;

    public DeviceVerifyResource(DeviceChallenges challenges, DeviceConsent devices, ConsentStrategy strategy,
                                ResponseModeDelivery responder, String endpointUrl, URI verificationPage,
                                URI successPage, FlowCookieWriter cookies) {
        this.challenges = challenges;
        this.devices = devices;
        this.strategy = strategy;
        this.responder = responder;
        this.endpointUrl = endpointUrl;
        this.verificationPage = verificationPage;
        this.successPage = successPage;
        this.cookies = cookies;
    }

    @GET
    public Response verify(@Context UriInfo uri, @Context HttpHeaders headers, @Context HttpServletRequest http) {
        var query = uri.getQueryParameters();
        String verifier = query.getFirst("device_verifier");
        if (verifier == null) {
            return toDevicePage(challenges.issue(http.getRemoteAddr()), query.getFirst("user_code"));
        }
        DeviceConsent.Pending pending;
        try {
            pending = devices.pending(verifier);
        } catch (OAuth2Exception e) {
            return errorPage(e.error());
        }
        BrowserRequest browser = new BrowserRequest(BrowserReplies.cookies(headers),
                endpointUrl + "?" + BrowserReplies.withoutVerifiers(uri.getRequestUri().getRawQuery()));
        String consentVerifier = query.getFirst("consent_verifier");
        String loginVerifier = query.getFirst("login_verifier");
        try {
            FlowOutcome outcome = consentVerifier != null
                    ? strategy.afterConsent(pending.authorization(), consentVerifier, browser)
                    : loginVerifier != null ? strategy.afterLogin(pending.authorization(), loginVerifier, browser)
                    : strategy.startLogin(pending.authorization(), browser);
            Response.ResponseBuilder response;
            if (outcome instanceof FlowOutcome.Authorized authorized) {
                if (!devices.approve(pending, authorized.flow().authorizedGrant())) {
                    return errorPage(OAuth2Error.INVALID_REQUEST.withHint("This device sign-in was already "
                            + "decided."));
                }
                response = Response.status(302).location(successPage);
            } else {
                response = Response.status(302).location(URI.create(((FlowOutcome.Redirect) outcome).location()));
            }
            return cookies.write(response, outcome.cookies()).header("Cache-Control", "no-store").build();
        } catch (AuthorizeException e) {
            // The login or consent app refused (or the flow broke): the device must not wait for ever.
            if (OAuth2Error.ACCESS_DENIED.error().equals(e.error().error())) {
                devices.deny(pending);
            }
            return errorPage(e.error());
        } catch (OAuth2Exception e) {
            return errorPage(e.error());
        }
    }

    private Response toDevicePage(String challenge, String userCode) {
        String page = verificationPage.toString();
        StringBuilder location = new StringBuilder(page).append(page.contains("?") ? '&' : '?')
                .append("device_challenge=").append(challenge);
        if (userCode != null && !userCode.isBlank() && userCode.length() <= 32) {
            location.append("&user_code=").append(URLEncoder.encode(userCode, StandardCharsets.UTF_8));
        }
        return Response.status(302).location(URI.create(location.toString())).header("Cache-Control", "no-store")
                .build();
    }

    private Response errorPage(OAuth2Error error) {
        return BrowserReplies.deliver(responder.errorPage(error)).build();
    }
}
