package org.openauthz.authz.api.publicapi;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import static org.openauthz.authz.oauth2.authorize.ResponseModeDelivery.escape;

/**
 * {@code /oauth2/fallbacks/*}, as in Hydra v1.10: pages shown when {@code urls.login}, {@code urls.consent},
 * {@code urls.logout} or {@code urls.error} are not configured. Every reflected value is HTML-escaped.
 */
@Path("/oauth2/fallbacks")
@Produces(MediaType.TEXT_HTML + ";charset=UTF-8")
public final class FallbackPagesResource {

    @GET
    @Path("/error")
    public Response error(@QueryParam("error") String error, @QueryParam("error_description") String description,
                          @QueryParam("error_hint") String hint, @QueryParam("error_debug") String debug) {
        StringBuilder body = new StringBuilder("<h1>An error occurred</h1>");
        row(body, "Error", error);
        row(body, "Description", description);
        row(body, "Hint", hint);
        row(body, "Debug", debug);
        // As in Hydra v1.10 the page answers 500: the request failed and could not be handed back to a client.
        return Response.status(500).entity(page("An error occurred", body.toString()))
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'").build();
    }

    /**
     * Where a logout ends when neither the client nor {@code urls.post_logout_redirect} names a page. Hydra v1.10
     * shows its "missing configuration" error here, to a person who has just logged out successfully; we say that
     * they did (decision 0004).
     */
    @GET
    @Path("/logout/callback")
    public String loggedOut() {
        return page("Logged out", "<h1>You have been logged out</h1><p>Your session with the authorization server has "
                + "ended. You can close this page.</p>");
    }

    /** Where {@code /oauth2/device/verify} sends the browser when {@code urls.device_verification} is not set. */
    @GET
    @Path("/device")
    public String deviceVerificationMissing() {
        return page("Missing configuration", "<h1>Device sign-in is not set up</h1><p>Set URLS_DEVICE_VERIFICATION "
                + "(urls.device_verification) to the page of your login and consent app where users type the code "
                + "their device shows.</p>");
    }

    /** Where a device sign-in ends when {@code urls.device_success} is not set. */
    @GET
    @Path("/device/done")
    public String deviceSignedIn() {
        return page("Device signed in", "<h1>Your device is now signed in</h1><p>You can close this page and go "
                + "back to your device.</p>");
    }

    @GET
    @Path("/{page: login|consent|logout}")
    public String missingConfiguration() {
        return page("Missing configuration", "<h1>The OAuth2 request resulted in an error</h1><p>A mandatory "
                + "configuration key is missing: set URLS_LOGIN, URLS_CONSENT, URLS_LOGOUT and URLS_ERROR (urls.login, "
                + "urls.consent, urls.logout, urls.error) to the pages of your login and consent app.</p>");
    }

    private static void row(StringBuilder body, String label, String value) {
        if (value != null && !value.isEmpty()) {
            body.append("<p><strong>").append(label).append(":</strong> ").append(escape(value)).append("</p>");
        }
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
                + "</title><style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;"
                + "color:#222}</style></head><body>" + body + "</body></html>";
    }
}
