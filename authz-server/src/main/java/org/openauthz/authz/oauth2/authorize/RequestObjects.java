package org.openauthz.authz.oauth2.authorize;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import org.openauthz.authz.client.OAuth2Client;
import org.openauthz.authz.client.StoredClient;
import org.openauthz.authz.oauth2.ClientKeys;
import org.openauthz.authz.oauth2.FormParameters;
import org.openauthz.authz.oauth2.OAuth2Error;
import org.openauthz.authz.oauth2.OAuth2Exception;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * JWT-secured authorization requests by value (<a href="https://www.rfc-editor.org/rfc/rfc9101">RFC 9101</a>): the
 * {@code request} parameter holds the authorization request as the claims of a JWT signed with one of the client's
 * registered keys. Only signed request objects are accepted (decision 0019). By reference only through
 * {@code /oauth2/par}'s {@code request_uri}: no other {@code request_uri} is ever fetched.
 */
public final class RequestObjects {
    /** Asymmetric algorithms only: the client's registered public keys are what we check with. */
    public static final List<String> ALGORITHMS = List.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
            "ES256", "ES384", "ES512");
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(30);
    /** Registered claims of the JWT itself, not authorization request parameters (RFC 9101 §4). */
    private static final Set<String> JWT_CLAIMS = Set.of("iss", "aud", "exp", "iat", "nbf", "jti", "sub");

    private final Function<String, Optional<StoredClient>> clients;
    private final ClientKeys keys;
    private final String issuer;
    private final Clock clock;

    public RequestObjects(Function<String, Optional<StoredClient>> clients, ClientKeys keys, String issuer,
                          Clock clock) {
        this.clients = clients;
        this.keys = keys;
        this.issuer = issuer;
        this.clock = clock;
    }

    /**
     * The authorization request parameters of the {@code request} object in {@code form}, verified; empty when
     * there is none. RFC 9101 §6.3: only the request object's parameters are used, none from outside it, except
     * {@code client_id}, which must be outside (§5) and match the object's.
     */
    public Optional<Map<String, List<String>>> resolve(FormParameters form) {
        String request = form.get("request");
        if (request == null) {
            return Optional.empty();
        }
        if (form.get("request_uri") != null) {
            throw OAuth2Error.INVALID_REQUEST.withHint("Use either 'request' or 'request_uri', not both.")
                    .toException();
        }
        String clientId = form.require("client_id");
        OAuth2Client client = clients.apply(clientId).map(StoredClient::client).orElseThrow(() ->
                OAuth2Error.INVALID_CLIENT.withHint("The requested OAuth 2.0 Client does not exist.").toException());
        SignedJWT jwt = signed(request);
        JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
        String registered = client.requestObjectSigningAlg();
        if (!ALGORITHMS.contains(alg.getName()) || (registered != null && !registered.equals(alg.getName()))) {
            throw invalid("The request object must be signed with " + (registered == null
                    ? "one of " + String.join(", ", ALGORITHMS) : "the client's request_object_signing_alg "
                    + registered) + ", not " + alg.getName() + ".");
        }
        keys.verify(jwt, client, OAuth2Error.INVALID_REQUEST_OBJECT, "request object");
        JWTClaimsSet claims;
        try {
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw invalid("The request object's claims are not a JSON object.");
        }
        checkClaims(claims, clientId);
        return Optional.of(parameters(claims, clientId));
    }

    private static SignedJWT signed(String request) {
        JWT jwt;
        try {
            jwt = JWTParser.parse(request);
        } catch (ParseException e) {
            throw invalid("The request parameter is not a JWT.");
        }
        if (!(jwt instanceof SignedJWT signed)) {
            throw invalid("Only signed request objects are accepted: neither unsigned (alg none) nor encrypted ones.");
        }
        return signed;
    }

    /** RFC 9101 §4 and §6.2: issued by the client, for us, not expired. */
    private void checkClaims(JWTClaimsSet claims, String clientId) {
        if (!clientId.equals(claims.getIssuer())) {
            throw invalid("The request object's 'iss' must be the client_id.");
        }
        Object innerClientId = claims.getClaim("client_id");
        if (innerClientId != null && !clientId.equals(innerClientId)) {
            throw invalid("The request object's 'client_id' does not match the client_id parameter.");
        }
        if (claims.getAudience() == null || !claims.getAudience().contains(issuer)) {
            throw invalid("The request object's 'aud' must contain the issuer " + issuer + ".");
        }
        Instant now = clock.instant();
        if (claims.getExpirationTime() == null
                || claims.getExpirationTime().toInstant().plus(CLOCK_SKEW).isBefore(now)) {
            throw invalid("The request object has no 'exp' or has expired.");
        }
        if (claims.getNotBeforeTime() != null && claims.getNotBeforeTime().toInstant().isAfter(now.plus(CLOCK_SKEW))) {
            throw invalid("The request object is not valid yet.");
        }
    }

    /** The claims as request parameters: strings as they are, numbers as text, arrays as repeated parameters. */
    private static Map<String, List<String>> parameters(JWTClaimsSet claims, String clientId) {
        Map<String, List<String>> parameters = new HashMap<>();
        for (Map.Entry<String, Object> claim : claims.getClaims().entrySet()) {
            if (JWT_CLAIMS.contains(claim.getKey()) || claim.getValue() == null) {
                continue;
            }
            List<String> values = new ArrayList<>();
            if (claim.getValue() instanceof Collection<?> many) {
                many.forEach(v -> values.add(String.valueOf(v)));
            } else if (claim.getValue() instanceof Map<?, ?>) {
                throw invalid("Request object claim '" + claim.getKey() + "' is an object; this server supports "
                        + "only string, number and array parameters.");
            } else {
                values.add(String.valueOf(claim.getValue()));
            }
            parameters.put(claim.getKey(), values);
        }
        parameters.put("client_id", List.of(clientId));
        return parameters;
    }

    private static OAuth2Exception invalid(String hint) {
        return OAuth2Error.INVALID_REQUEST_OBJECT.withHint(hint).toException();
    }
}
