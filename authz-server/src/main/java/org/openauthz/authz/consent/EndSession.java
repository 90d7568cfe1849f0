package org.openauthz.authz.consent;

import org.openauthz.authz.client.OAuth2Client;
import org.openauthz.authz.oauth2.OAuth2Error;
import org.openauthz.authz.oauth2.oidc.SubjectIdentifiers;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The end-session endpoint {@code /oauth2/sessions/logout} as Hydra v1.10 runs it, in its phases:
 * <ol>
 *   <li>browser-initiated (no {@code id_token_hint}): with a remembered session the browser goes to the logout app
 *   with a {@code logout_challenge}; without one straight to the post-logout URL;</li>
 *   <li>RP-initiated (<a href="https://openid.net/specs/openid-connect-rpinitiated-1_0.html#RPLogout">OpenID
 *   Connect RP-Initiated Logout 1.0 §2</a>): the hint must be an ID token we signed (expired ones accepted, §4 of
 *   that spec) with {@code sid} and {@code sub} and a registered client among its audiences; the
 *   {@code post_logout_redirect_uri} must be exactly one of that client's, {@code state} is appended to it; a
 *   session that is gone or was not remembered goes straight there, without the logout app;</li>
 *   <li>{@code logout_verifier} (after the logout app accepted): single use; expires the session cookie, deletes
 *   the login session and sends the browser to the post-logout URL.</li>
 * </ol>
 * When the session ends, every client that asked for consent under it is told: by the front channel
 * (<a href="https://openid.net/specs/openid-connect-frontchannel-1_0.html">OpenID Connect Front-Channel Logout
 * 1.0</a>: the page the browser gets holds its {@code frontchannel_logout_uri} in an iframe, with {@code iss} and
 * {@code sid}, always, as Hydra adds them) and by the back channel ({@link BackChannelLogout}).
 */
public final class EndSession {
    private final LogoutRequestStore requests;
    private final LoginSessionStore sessions;
    private final FlowStore flows;
    private final BackChannelLogout backChannel;
    private final String issuer;
    private final SessionCookies cookies;
    private final Function<String, Optional<Map<String, Object>>> idTokenHintClaims;
    private final Function<String, Optional<OAuth2Client>> clients;
    private final SubjectIdentifiers subjects;
    private final URI logoutUrl;
    private final String postLogoutRedirect;
    private final Clock clock;

    /**
     * @param idTokenHintClaims the claims of an ID token this server signed, expired or not (empty otherwise)
     * @param logoutUrl         the logout app ({@code urls.logout})
     * @param postLogoutRedirect the default post-logout URL ({@code urls.post_logout_redirect})
     */
    public EndSession(LogoutRequestStore requests, LoginSessionStore sessions, FlowStore flows,
                      SessionCookies cookies, Function<String, Optional<Map<String, Object>>> idTokenHintClaims,
                      Function<String, Optional<OAuth2Client>> clients, SubjectIdentifiers subjects,
                      BackChannelLogout backChannel, String issuer, URI logoutUrl, URI postLogoutRedirect,
                      Clock clock) {
        this.requests = requests;
        this.sessions = sessions;
        this.flows = flows;
        this.backChannel = backChannel;
        this.issuer = issuer;
        this.cookies = cookies;
        this.idTokenHintClaims = idTokenHintClaims;
        this.clients = clients;
        this.subjects = subjects;
        this.logoutUrl = logoutUrl;
        this.postLogoutRedirect = postLogoutRedirect.toString();
        this.clock = clock;
    }

    /**
     * The end of a logout: where the browser goes, the front-channel logout URLs to load in iframes on the way (none:
     * a plain redirect), and the cookie changes.
     */
    public record Finished(String location, List<String> frontChannelUrls,
                           List<SessionCookies.CookieChange> cookies) {
    }

    /** The parameters of an end-session request (blank ones are treated as absent). */
    public record Parameters(String idTokenHint, String postLogoutRedirectUri, String state) {
        public Parameters {
            idTokenHint = blankToNull(idTokenHint);
            postLogoutRedirectUri = blankToNull(postLogoutRedirectUri);
            state = blankToNull(state);
        }
    }

    /**
     * The first visit: a logout request and the way to the logout app, or straight to the post-logout URL when
     * there is no session to end. Errors are {@code invalid_request} {@code OAuth2Exception}s for the error page.
     */
    public FlowOutcome.Redirect start(Parameters p, BrowserRequest browser) {
        if (p.idTokenHint() == null) {
            return browserInitiated(p, browser);
        }
        Map<String, Object> claims = idTokenHintClaims.apply(p.idTokenHint())
                .orElseThrow(() -> invalid("Logout failed because query parameter id_token_hint could not be "
                        + "verified as an ID token of this server."));
        Object iat = claims.get("iat");
        if (iat instanceof Number n && n.longValue() > clock.instant().getEpochSecond()) {
            throw invalid("Logout failed because iat claim value '" + n.longValue() + "' from query parameter "
                    + "id_token_hint is in the future.");
        }
        String sid = claims.get("sid") instanceof String s && !s.isEmpty() ? s : null;
        if (sid == null) {
            throw invalid("Logout failed because query parameter id_token_hint is missing sid claim.");
        }
        String sub = claims.get("sub") instanceof String s && !s.isEmpty() ? s : null;
        if (sub == null) {
            throw invalid("Logout failed because query parameter id_token_hint is missing sub claim.");
        }
        OAuth2Client client = audiences(claims.get("aud")).stream().map(clients).flatMap(Optional::stream)
                .findFirst().orElseThrow(() -> invalid("Logout failed because none of the listed audiences is a "
                        + "registered OAuth 2.0 Client."));
        String redirect = postLogoutRedirect;
        if (p.postLogoutRedirectUri() != null) {
            List<String> allowed = client.postLogoutRedirectUris() == null ? List.of()
                    : client.postLogoutRedirectUris();
            if (!allowed.contains(p.postLogoutRedirectUri())) {
                throw invalid("Logout failed because query parameter post_logout_redirect_uri is not a whitelisted "
                        + "as a post_logout_redirect_uri for the client.");
            }
            redirect = p.state() == null ? p.postLogoutRedirectUri()
                    : p.postLogoutRedirectUri() + (p.postLogoutRedirectUri().contains("?") ? "&" : "?") + "state="
                    + URLEncoder.encode(p.state(), StandardCharsets.UTF_8);
        }
        // As in Hydra: a session that is gone, was never remembered, or belongs to someone else has nothing to end
        // here; the relying party gets its user back at once.
        Optional<LoginSession> session = sessions.find(sid).filter(LoginSession::remember)
                .filter(s -> sub.equals(s.subject()) || sub.equals(subjects.forClient(client, s.subject(), null)));
        if (session.isEmpty()) {
            return new FlowOutcome.Redirect(redirect, List.of());
        }
        return toLogoutApp(LogoutRequest.start(randomId(), randomId(), session.get().subject(), sid,
                client.clientId(), browser.requestUrl(), redirect, true, now()));
    }

    private FlowOutcome.Redirect browserInitiated(Parameters p, BrowserRequest browser) {
        if (p.state() != null) {
            throw invalid("Logout failed because query parameter state is set but id_token_hint is missing.");
        }
        if (p.postLogoutRedirectUri() != null) {
            throw invalid("Logout failed because query parameter post_logout_redirect_uri is set but id_token_hint "
                    + "is missing.");
        }
        Optional<LoginSession> session = rememberedSession(browser);
        if (session.isEmpty()) {
            return new FlowOutcome.Redirect(postLogoutRedirect, List.of());
        }
        return toLogoutApp(LogoutRequest.start(randomId(), randomId(), session.get().subject(), session.get().id(),
                null, browser.requestUrl(), postLogoutRedirect, false, now()));
    }

    private FlowOutcome.Redirect toLogoutApp(LogoutRequest request) {
        requests.create(request);
        String separator = logoutUrl.getRawQuery() == null ? "?" : "&";
        return new FlowOutcome.Redirect(logoutUrl + separator + "logout_challenge="
                + URLEncoder.encode(request.challenge(), StandardCharsets.UTF_8), List.of());
    }

    /**
     * The browser is back with the verifier of an accepted request: the session ends here. An unknown, unaccepted or
     * used verifier is a 404 {@code OAuth2Exception} for the error page. A browser-initiated request whose cookie
     * has gone or changed subject since (another sign-in in between) ends nothing and just redirects, as in Hydra.
     */
    public Finished finish(String verifier, BrowserRequest browser) {
        LogoutRequest request = requests.useVerifier(verifier)
                .orElseThrow(() -> LoginConsentAdmin.NOT_FOUND.withHint("The logout verifier has already been used, "
                        + "has not been granted, or is invalid.").toException());
        if (!request.rpInitiated()) {
            Optional<LoginSession> current = rememberedSession(browser);
            if (current.isEmpty() || !request.subject().equals(current.get().subject())) {
                return new Finished(request.redirectUrl(), List.of(), List.of());
            }
        }
        List<String> frontChannel = List.of();
        if (request.sid() != null) {
            // Found before the session is deleted, as Hydra does; the flows stay (they carry the consents).
            List<OAuth2Client> participants = flows.clientsOfLoginSession(request.subject(), request.sid()).stream()
                    .map(clients).flatMap(Optional::stream).toList();
            frontChannel = participants.stream()
                    .filter(c -> c.frontchannelLogoutUri() != null && !c.frontchannelLogoutUri().isBlank())
                    .map(c -> frontChannelUrl(c.frontchannelLogoutUri(), request.sid())).toList();
            backChannel.notify(participants, request.sid(), request.subject());
            sessions.delete(request.sid());
        }
        return new Finished(request.redirectUrl(), frontChannel, List.of(cookies.delete(SessionCookies.SESSION)));
    }

    /** OpenID Connect Front-Channel Logout 1.0 §2: {@code iss} and {@code sid} as query parameters. */
    private String frontChannelUrl(String uri, String sid) {
        return uri + (uri.contains("?") ? "&" : "?") + "iss=" + URLEncoder.encode(issuer, StandardCharsets.UTF_8)
                + "&sid=" + URLEncoder.encode(sid, StandardCharsets.UTF_8);
    }

    private Optional<LoginSession> rememberedSession(BrowserRequest browser) {
        return cookies.read(browser.cookies(), SessionCookies.SESSION).flatMap(sessions::find)
                .filter(s -> s.remember() && s.subject() != null && !s.subject().isEmpty());
    }

    private static List<String> audiences(Object aud) {
        if (aud instanceof String s) {
            return List.of(s);
        }
        if (aud instanceof Collection<?> c) {
            return c.stream().filter(String.class::isInstance).map(String.class::cast).toList();
        }
        return List.of();
    }

    private static RuntimeException invalid(String hint) {
        return OAuth2Error.INVALID_REQUEST.withHint(hint).toException();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String randomId() {
        return UUID.randomUUID().toString();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }
}
