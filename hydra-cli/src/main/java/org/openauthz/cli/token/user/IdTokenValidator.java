package org.openauthz.cli.token.user;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Validates the ID token of a code flow token response the way a relying party must: the signature
 * against the server's JWKS (key chosen by {@code kid}), then {@code iss}, {@code aud} (and
 * {@code azp}), {@code exp} and {@code nonce}.
 *
 * <p>The keys are fetched from the {@link ServerLocation}, an address this process is known to
 * reach. The expected issuer is that location plus "/" or, when the server calls itself something
 * else (in Docker the token URL names the container, the issuer the published port), the
 * {@code issuer} of the discovery document served at the same location.
 *
 * @see <a href="https://openid.net/specs/openid-connect-core-1_0.html#IDTokenValidation">OIDC Core 3.1.3.7</a>
 */
public final class IdTokenValidator {

    /** Tolerated difference between this machine's clock and the server's for {@code exp}. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ServerLocation location;
    private final DocumentSource documents;
    private final Clock clock;

    public IdTokenValidator(ServerLocation location, DocumentSource documents, Clock clock) {
        this.location = location;
        this.documents = documents;
        this.clock = clock;
    }

    /**
     * @param expectedNonce the nonce of the authorization request; {@code null} for a grant that sends none (the
     *                      device grant, RFC 8628), where the nonce is not checked
     * @return the verified claims
     * @throws InvalidIdTokenException naming the first check that failed
     */
    public JWTClaimsSet validate(String idToken, String clientId, String expectedNonce) throws InvalidIdTokenException {
        SignedJWT jwt = parse(idToken);
        verifySignature(jwt);
        JWTClaimsSet claims;
        try {
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new InvalidIdTokenException("its claims are not a valid JSON object (" + Text.shown(e.getMessage()) + ")", e);
        }
        checkIssuer(claims.getIssuer());
        checkAudience(claims, clientId);
        checkExpiry(claims);
        if (expectedNonce != null) {
            checkNonce(claims, expectedNonce);
        }
        if (claims.getSubject() == null || claims.getSubject().isEmpty()) {
            throw new InvalidIdTokenException("it has no sub claim");
        }
        return claims;
    }

    private static SignedJWT parse(String idToken) throws InvalidIdTokenException {
        JWT jwt;
        try {
            jwt = JWTParser.parse(idToken);
        } catch (ParseException e) {
            throw new InvalidIdTokenException("it is not a JWT (" + Text.shown(e.getMessage()) + ")", e);
        }
        if (!(jwt instanceof SignedJWT signed)) {
            throw new InvalidIdTokenException("it is not signed (alg " + Text.shown(String.valueOf(jwt.getHeader().getAlgorithm()))
                    + ")");
        }
        return signed;
    }

    private void verifySignature(SignedJWT jwt) throws InvalidIdTokenException {
        JWSHeader header = jwt.getHeader();
        JWSAlgorithm algorithm = header.getAlgorithm();
        boolean rsa = JWSAlgorithm.Family.RSA.contains(algorithm);
        boolean ec = JWSAlgorithm.Family.EC.contains(algorithm);
        if (!rsa && !ec) {
            throw new InvalidIdTokenException("it is signed with " + Text.shown(algorithm.getName())
                    + ", but only RSA and EC signatures (the server uses RS256) are accepted");
        }
        JWKSet keys = fetchKeys();
        JWK key = selectKey(keys, header.getKeyID(), rsa ? RSAKey.class : ECKey.class);
        boolean valid;
        try {
            JWSVerifier verifier = rsa ? new RSASSAVerifier((RSAKey) key) : new ECDSAVerifier((ECKey) key);
            valid = jwt.verify(verifier);
        } catch (JOSEException e) {
            throw new InvalidIdTokenException("its signature could not be checked with key " + keyName(key) + " ("
                    + Text.shown(e.getMessage()) + ")", e);
        }
        if (!valid) {
            throw new InvalidIdTokenException("the signature is invalid: it does not match key " + keyName(key)
                    + " of " + location.jwksUrl());
        }
    }

    private JWKSet fetchKeys() throws InvalidIdTokenException {
        String body;
        try {
            body = documents.fetch(location.jwksUrl());
        } catch (IOException e) {
            throw new InvalidIdTokenException("could not fetch the JSON Web Key Set: " + Text.lowerFirst(Text.shown(e.getMessage())),
                    e);
        }
        try {
            return JWKSet.parse(body);
        } catch (ParseException e) {
            throw new InvalidIdTokenException(location.jwksUrl() + " is not a JSON Web Key Set (" + Text.shown(e.getMessage())
                    + ")", e);
        }
    }

    private JWK selectKey(JWKSet keys, String kid, Class<? extends JWK> type) throws InvalidIdTokenException {
        List<JWK> candidates = new ArrayList<>();
        for (JWK key : keys.getKeys()) {
            boolean forSigning = key.getKeyUse() == null || KeyUse.SIGNATURE.equals(key.getKeyUse());
            if (type.isInstance(key) && forSigning && (kid == null || kid.equals(key.getKeyID()))) {
                candidates.add(key);
            }
        }
        if (candidates.isEmpty()) {
            throw new InvalidIdTokenException(kid == null
                    ? "it has no kid and " + location.jwksUrl() + " has no suitable signing key"
                    : "its key " + Text.shown(kid) + " is not in " + location.jwksUrl());
        }
        if (kid == null && candidates.size() > 1) {
            throw new InvalidIdTokenException("it has no kid and " + location.jwksUrl() + " has "
                    + candidates.size() + " candidate keys");
        }
        return candidates.get(0);
    }

    private void checkIssuer(String issuer) throws InvalidIdTokenException {
        if (issuer == null) {
            throw new InvalidIdTokenException("it has no iss claim");
        }
        Set<String> accepted = new LinkedHashSet<>();
        accepted.add(location.defaultIssuer());
        if (accepted.contains(issuer)) {
            return;
        }
        String discoveryProblem = null;
        try {
            JsonNode discovery = JSON.readTree(documents.fetch(location.discoveryUrl()));
            JsonNode discovered = discovery == null ? null : discovery.get("issuer");
            if (discovered != null && discovered.isTextual() && !discovered.asText().isEmpty()) {
                accepted.add(discovered.asText());
            } else {
                discoveryProblem = "it names no issuer";
            }
        } catch (IOException e) {
            discoveryProblem = Text.lowerFirst(Text.shown(e.getMessage()));
        }
        if (!accepted.contains(issuer)) {
            StringBuilder reason = new StringBuilder("the issuer \"").append(Text.shown(issuer)).append("\" is not ");
            reason.append(accepted.size() == 1 ? "\"" + location.defaultIssuer() + "\""
                    : "one of " + accepted.stream().map(a -> "\"" + Text.shown(a) + "\"").toList());
            if (discoveryProblem != null) {
                reason.append(" (the discovery document ").append(location.discoveryUrl())
                        .append(" could not be used: ").append(discoveryProblem).append(')');
            }
            throw new InvalidIdTokenException(reason.toString());
        }
    }

    private static void checkAudience(JWTClaimsSet claims, String clientId) throws InvalidIdTokenException {
        List<String> audience = claims.getAudience();
        if (!audience.contains(clientId)) {
            throw new InvalidIdTokenException("its audience " + Text.shown(audience.toString())
                    + " does not contain the client id \"" + clientId + "\"");
        }
        Object azp = claims.getClaim("azp");
        if (azp != null && !clientId.equals(azp)) {
            throw new InvalidIdTokenException("its authorized party (azp) \"" + Text.shown(String.valueOf(azp))
                    + "\" is not the client id \"" + clientId + "\"");
        }
    }

    private void checkExpiry(JWTClaimsSet claims) throws InvalidIdTokenException {
        if (claims.getExpirationTime() == null) {
            throw new InvalidIdTokenException("it has no exp claim");
        }
        Instant expiry = claims.getExpirationTime().toInstant();
        if (!expiry.plus(CLOCK_SKEW).isAfter(clock.instant())) {
            throw new InvalidIdTokenException("it expired at " + expiry);
        }
    }

    private static void checkNonce(JWTClaimsSet claims, String expectedNonce) throws InvalidIdTokenException {
        Object nonce = claims.getClaim("nonce");
        if (nonce == null || "".equals(nonce)) {
            throw new InvalidIdTokenException("it has no nonce, but the authorization request sent \"" + expectedNonce + "\"");
        }
        if (!expectedNonce.equals(nonce)) {
            throw new InvalidIdTokenException("its nonce \"" + Text.shown(String.valueOf(nonce))
                    + "\" is not the nonce \"" + expectedNonce + "\" sent in the authorization request");
        }
    }

    private static String keyName(JWK key) {
        return key.getKeyID() == null ? "(without kid)" : "\"" + Text.shown(key.getKeyID()) + "\"";
    }
}
