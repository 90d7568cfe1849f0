package org.openauthz.authz.oauth2.par;

import com.nimbusds.jose.util.Base64URL;
import org.openauthz.authz.client.OAuth2Client;
import org.openauthz.authz.oauth2.FormParameters;
import org.openauthz.authz.oauth2.OAuth2Error;
import org.openauthz.authz.oauth2.authorize.AuthorizationRequest;
import org.openauthz.authz.oauth2.authorize.AuthorizeException;
import org.openauthz.authz.oauth2.authorize.AuthorizeRequestValidator;
import org.openauthz.authz.oauth2.authorize.RequestObjects;
import org.openauthz.authz.oauth2.authorize.ValidatedAuthorization;
import org.openauthz.authz.oauth2.dpop.DpopProof;
import org.openauthz.authz.oauth2.dpop.DpopVerifier;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Pushed authorization requests (<a href="https://www.rfc-editor.org/rfc/rfc9126">RFC 9126</a>): the client sends
 * its authorization request to {@code /oauth2/par} first (§2.1), where it is checked by the same
 * {@link AuthorizeRequestValidator} as at {@code /oauth2/auth} and stored; the answer is a one-time, short-lived
 * {@code request_uri} (§2.2) that the browser then takes to {@code /oauth2/auth} with the {@code client_id} (§4).
 * A DPoP proof sent with the push binds the authorization code to its key, as {@code dpop_jkt} would
 * (<a href="https://www.rfc-editor.org/rfc/rfc9449#section-10.1">RFC 9449 §10.1</a>).
 */
public final class PushedAuthorizationRequests {
    public static final String REQUEST_URI_PREFIX = "urn:ietf:params:oauth:request_uri:";
    /** Client authentication belongs to the push, not to the authorization request it carries. */
    private static final Set<String> CLIENT_AUTHENTICATION = Set.of("client_secret", "client_assertion",
            "client_assertion_type");

    private final AuthorizeRequestValidator validator;
    private final RequestObjects requestObjects;
    private final PushedRequestStore store;
    private final DpopVerifier dpop;
    private final String endpoint;
    private final Duration lifespan;
    private final boolean requiredForEveryClient;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public PushedAuthorizationRequests(AuthorizeRequestValidator validator, RequestObjects requestObjects,
                                       PushedRequestStore store, DpopVerifier dpop, String endpoint,
                                       Duration lifespan, boolean requiredForEveryClient, Clock clock) {
        this.validator = validator;
        this.requestObjects = requestObjects;
        this.store = store;
        this.dpop = dpop;
        this.endpoint = endpoint;
        this.lifespan = lifespan;
        this.requiredForEveryClient = requiredForEveryClient;
        this.clock = clock;
    }

    /** The answer to a push (RFC 9126 §2.2). */
    public record Pushed(String requestUri, long expiresIn) {
    }

    /**
     * RFC 9126 §2.1 and §2.3: validates the request of the authenticated {@code client} as the authorization
     * endpoint would and stores it. Errors are the authorization endpoint's, answered as JSON.
     *
     * @param dpopProofs every value of the request's {@code DPoP} header, empty when there is none
     */
    public Pushed push(OAuth2Client client, Map<String, List<String>> body, List<String> dpopProofs) {
        Map<String, List<String>> parameters = new HashMap<>(body);
        parameters.keySet().removeAll(CLIENT_AUTHENTICATION);
        FormParameters form = new FormParameters(parameters);
        if (form.get("request_uri") != null) {
            throw OAuth2Error.INVALID_REQUEST.withHint("A pushed authorization request must not contain "
                    + "'request_uri' (RFC 9126 §2.1).").toException();
        }
        String clientId = form.get("client_id");
        if (clientId != null && !clientId.equals(client.clientId())) {
            throw OAuth2Error.INVALID_REQUEST.withHint("The client_id does not match the authenticated client.")
                    .toException();
        }
        parameters.put("client_id", List.of(client.clientId()));
        // RFC 9126 §3: a request object may be pushed; its parameters are what is stored (RFC 9101 §6.3).
        Map<String, List<String>> request = requestObjects.resolve(new FormParameters(parameters)).orElse(parameters);
        Optional<DpopProof> proof = dpop.verify(dpopProofs, "POST", endpoint, null);
        if (proof.isPresent()) {
            request = boundTo(request, proof.get().jkt());
        }
        try {
            validator.validate(AuthorizationRequest.parse(new FormParameters(request)));
        } catch (AuthorizeException e) {
            throw e.error().toException();
        }
        byte[] reference = new byte[32];
        random.nextBytes(reference);
        String requestUri = REQUEST_URI_PREFIX + Base64URL.encode(reference);
        store.save(new PushedRequest(signature(requestUri), client.clientId(), request,
                clock.instant().plus(lifespan)));
        return new Pushed(requestUri, lifespan.toSeconds());
    }

    /**
     * RFC 9449 §10.1: the request with {@code dpop_jkt} set to the proof's key, so that the code is bound to it; a
     * {@code dpop_jkt} the client sent as well must name the same key.
     */
    private static Map<String, List<String>> boundTo(Map<String, List<String>> request, String jkt) {
        List<String> requested = request.get("dpop_jkt");
        if (requested != null && !requested.equals(List.of(jkt))) {
            throw OAuth2Error.INVALID_REQUEST.withHint("The 'dpop_jkt' parameter does not match the key of the DPoP "
                    + "proof (RFC 9449 §10.1).").toException();
        }
        Map<String, List<String>> bound = new HashMap<>(request);
        bound.put("dpop_jkt", List.of(jkt));
        return bound;
    }

    /**
     * At the authorization endpoint (RFC 9126 §4): when the request carries a {@code request_uri}, the pushed
     * parameters it stands for, used up by this call; empty when there is none. Only our own {@code request_uri}s
     * are accepted (no fetching of others, RFC 9101 §6.2).
     */
    public Optional<Map<String, List<String>>> resolve(FormParameters form) {
        String requestUri = form.get("request_uri");
        if (requestUri == null) {
            return Optional.empty();
        }
        if (!requestUri.startsWith(REQUEST_URI_PREFIX)) {
            throw OAuth2Error.REQUEST_URI_NOT_SUPPORTED.withHint("Only request_uri values from the pushed "
                    + "authorization request endpoint are accepted.").toException();
        }
        String clientId = form.require("client_id");
        return Optional.of(store.consume(signature(requestUri), clientId, clock.instant())
                .orElseThrow(() -> OAuth2Error.INVALID_REQUEST_URI.withHint("The request_uri is unknown, already "
                        + "used, expired, or was pushed by another client.").toException())
                .parameters());
    }

    /**
     * RFC 9126 §5 and §6: a client (or every client, by configuration) that must push refuses a request that was
     * not pushed. The legs that come back from the login and consent apps carry a verifier of a flow that was
     * started by a pushed request, so only the first leg is checked.
     */
    public void requirePushedIfConfigured(ValidatedAuthorization auth, boolean pushedOrContinued) {
        boolean required = requiredForEveryClient
                || Boolean.TRUE.equals(auth.client().requirePushedAuthorizationRequests());
        if (required && !pushedOrContinued) {
            throw auth.error(OAuth2Error.INVALID_REQUEST.withHint("This client must push its authorization "
                    + "requests to the pushed authorization request endpoint first (RFC 9126)."));
        }
    }

    public boolean requiredForEveryClient() {
        return requiredForEveryClient;
    }

    static String signature(String requestUri) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(requestUri.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
