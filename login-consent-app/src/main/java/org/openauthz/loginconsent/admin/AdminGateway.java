package org.openauthz.loginconsent.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.openauthz.admin.client.ApiException;
import org.openauthz.admin.client.api.AdminApi;
import org.openauthz.admin.client.model.AcceptConsentRequest;
import org.openauthz.admin.client.model.AcceptDeviceUserCodeRequest;
import org.openauthz.admin.client.model.AcceptLoginRequest;
import org.openauthz.admin.client.model.CompletedRequest;
import org.openauthz.admin.client.model.ConsentRequest;
import org.openauthz.admin.client.model.LoginRequest;
import org.openauthz.admin.client.model.LogoutRequest;
import org.openauthz.admin.client.model.RejectRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;

/**
 * The admin calls of the login, consent and logout flows (docs/custom-idp.md §3 and §6) and of the device page, through the generated
 * client only. Turns every failure into an {@link AdminFailure} the pages can explain, and checks that accept/reject
 * answers carry a usable {@code redirect_to} (except the logout reject, which answers 204 without a body).
 */
public final class AdminGateway {
    private static final Logger LOG = LoggerFactory.getLogger(AdminGateway.class);

    private final AdminApi api;
    private final ObjectMapper json;

    public AdminGateway(AdminApi api, ObjectMapper json) {
        this.api = api;
        this.json = json;
    }

    public LoginRequest loginRequest(String challenge) {
        return call("get login request", () -> api.getLoginRequest(challenge));
    }

    public String acceptLogin(String challenge, AcceptLoginRequest body) {
        return redirect("accept login request", () -> api.acceptLoginRequest(challenge, body));
    }

    public String rejectLogin(String challenge, RejectRequest body) {
        return redirect("reject login request", () -> api.rejectLoginRequest(challenge, body));
    }

    public ConsentRequest consentRequest(String challenge) {
        return call("get consent request", () -> api.getConsentRequest(challenge));
    }

    public String acceptConsent(String challenge, AcceptConsentRequest body) {
        return redirect("accept consent request", () -> api.acceptConsentRequest(challenge, body));
    }

    public String rejectConsent(String challenge, RejectRequest body) {
        return redirect("reject consent request", () -> api.rejectConsentRequest(challenge, body));
    }

    /**
     * The device page hands over the user code typed for a {@code device_challenge} (RFC 8628 device grant); the
     * {@code redirect_to} starts the login and consent for the device's client.
     */
    public String acceptUserCode(String deviceChallenge, String userCode) {
        return redirect("accept device user code", () -> api.acceptUserCodeRequest(deviceChallenge,
                new AcceptDeviceUserCodeRequest().userCode(userCode)));
    }

    public LogoutRequest logoutRequest(String challenge) {
        return call("get logout request", () -> api.getLogoutRequest(challenge));
    }

    /** The {@code redirect_to} is the server's end-session endpoint with a {@code logout_verifier}. */
    public String acceptLogout(String challenge) {
        return redirect("accept logout request", () -> api.acceptLogoutRequest(challenge));
    }

    /**
     * Hydra v1.10 answers 204 without a body and sends the browser nowhere: the logout simply does not happen, and
     * the page decides what to show.
     */
    public void rejectLogout(String challenge) {
        call("reject logout request", () -> {
            api.rejectLogoutRequest(challenge);
            return Boolean.TRUE;
        });
    }

    /** For the health check: empty when the admin API answers {@code /health/alive}, else what is wrong. */
    public java.util.Optional<String> problem() {
        try {
            api.isInstanceAlive();
            return java.util.Optional.empty();
        } catch (ApiException e) {
            return java.util.Optional.of(e.getCode() == 0 ? "the admin API cannot be reached"
                    : "the admin API answered " + e.getCode());
        }
    }

    private String redirect(String what, Call<CompletedRequest> call) {
        CompletedRequest completed = call(what, call);
        String redirectTo = completed == null ? null : completed.getRedirectTo();
        if (!isWebUrl(redirectTo)) {
            LOG.error("{}: the admin API answered without a usable redirect_to", what);
            throw new AdminFailure(AdminFailure.Kind.BAD_ANSWER, 200, null, what + ": no redirect_to", null);
        }
        return redirectTo;
    }

    private <T> T call(String what, Call<T> call) {
        try {
            T answer = call.run();
            if (answer == null) {
                throw new AdminFailure(AdminFailure.Kind.BAD_ANSWER, 200, null, what + ": empty answer", null);
            }
            return answer;
        } catch (ApiException e) {
            throw translate(what, e);
        }
    }

    private AdminFailure translate(String what, ApiException e) {
        int status = e.getCode();
        if (status == 0) {
            // The generated client reports I/O problems (refused, timeout) with code 0, and also a 2xx body that is
            // not the JSON it expected (a JsonProcessingException, which is an IOException too).
            Throwable cause = e.getCause();
            boolean unreachable = cause instanceof IOException && !(cause instanceof JsonProcessingException);
            LOG.warn("{}: the admin API {}: {}", what, unreachable ? "cannot be reached" : "gave a bad answer",
                    cause == null ? e.getMessage() : cause.toString());
            return new AdminFailure(unreachable ? AdminFailure.Kind.UNREACHABLE : AdminFailure.Kind.BAD_ANSWER,
                    0, null, what, e);
        }
        LOG.info("{}: the admin API answered {}: {}", what, status, abbreviate(e.getResponseBody()));
        return switch (status) {
            case 404 -> new AdminFailure(AdminFailure.Kind.UNKNOWN_CHALLENGE, status, null, what, e);
            case 409 -> new AdminFailure(AdminFailure.Kind.ALREADY_HANDLED, status, null, what, e);
            case 410 -> new AdminFailure(AdminFailure.Kind.ALREADY_HANDLED, status,
                    redirectToIn(e.getResponseBody()), what, e);
            case 400 -> new AdminFailure(AdminFailure.Kind.REFUSED, status, null, what, e);
            case 503 -> new AdminFailure(AdminFailure.Kind.UNAVAILABLE, status, null, what, e);
            default -> new AdminFailure(AdminFailure.Kind.BAD_ANSWER, status, null, what, e);
        };
    }

    /** Hydra answers 410 {@code {"redirect_to": <the original /oauth2/auth URL>}} for a request already handled. */
    private String redirectToIn(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode node = json.readTree(body).path("redirect_to");
            return node.isTextual() && isWebUrl(node.asText()) ? node.asText() : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Only http(s) URLs are followed or shown as links, so that a bad answer cannot become a javascript: link. */
    static boolean isWebUrl(String url) {
        if (url == null || url.isBlank()) {
            return false;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static String abbreviate(String body) {
        if (body == null) {
            return "";
        }
        String oneLine = body.replaceAll("\\s+", " ");
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "..." : oneLine;
    }

    @FunctionalInterface
    private interface Call<T> {
        T run() throws ApiException;
    }
}
