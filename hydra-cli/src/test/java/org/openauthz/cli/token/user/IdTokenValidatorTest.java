package org.openauthz.cli.token.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class IdTokenValidatorTest {

    private static final Instant NOW = Instant.parse("2021-07-08T10:00:00Z");
    private static final String BASE = "http://hydra:4444";
    private static final String CLIENT = "another-consumer";
    private static final String NONCE = "tcrgxtmhjqkfwsvdoknincmt";

    private static RSAKey key;
    private static RSAKey otherKey;

    private final Map<String, String> documents = new HashMap<>();
    private final IdTokenValidator validator = new IdTokenValidator(new ServerLocation(BASE), url -> {
        String body = documents.get(url);
        if (body == null) {
            throw new IOException("Could not reach the server at " + url + ": connection refused");
        }
        return body;
    }, Clock.fixed(NOW, ZoneOffset.UTC));

    @BeforeAll
    static void keys() throws JOSEException {
        key = new RSAKeyGenerator(2048).keyID("public:8f1c").generate();
        otherKey = new RSAKeyGenerator(2048).keyID("public:0000").generate();
    }

    private void publishKeys(RSAKey... keys) {
        JWKSet set = new JWKSet(List.of(keys).stream().map(k -> (com.nimbusds.jose.jwk.JWK) k.toPublicJWK()).toList());
        documents.put(BASE + "/.well-known/jwks.json", set.toString());
    }

    private static JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder().issuer(BASE + "/").subject("foo@bar.com").audience(CLIENT)
                .issueTime(Date.from(NOW)).expirationTime(Date.from(NOW.plusSeconds(3600))).claim("nonce", NONCE);
    }

    private static String sign(RSAKey signer, String kid, JWTClaimsSet claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(), claims);
        jwt.sign(new RSASSASigner(signer));
        return jwt.serialize();
    }

    private static String token(UnaryOperator<JWTClaimsSet.Builder> change) throws JOSEException {
        return sign(key, key.getKeyID(), change.apply(claims()).build());
    }

    private String reason(String idToken) {
        return assertThrows(InvalidIdTokenException.class, () -> validator.validate(idToken, CLIENT, NONCE)).getMessage();
    }

    @Test
    void whenSignedByPublishedKeyWithExpectedClaimsThenClaimsReturned() throws Exception {
        publishKeys(otherKey, key);
        JWTClaimsSet claims = validator.validate(token(c -> c), CLIENT, NONCE);
        assertEquals("foo@bar.com", claims.getSubject());
    }

    @Test
    void whenSignatureMadeWithAnotherKeyThenInvalidSignature() throws Exception {
        publishKeys(key);
        assertEquals("the signature is invalid: it does not match key \"public:8f1c\" of " + BASE
                + "/.well-known/jwks.json", reason(sign(otherKey, key.getKeyID(), claims().build())));
    }

    @Test
    void whenKidUnknownThenNamed() throws Exception {
        publishKeys(key);
        assertEquals("its key public:0000 is not in " + BASE + "/.well-known/jwks.json",
                reason(sign(otherKey, otherKey.getKeyID(), claims().build())));
    }

    @Test
    void whenJwksUnreachableThenReasonGiven() throws Exception {
        assertEquals("could not fetch the JSON Web Key Set: could not reach the server at " + BASE
                + "/.well-known/jwks.json: connection refused", reason(token(c -> c)));
    }

    @Test
    void whenIssuerDiffersButDiscoveryNamesItThenAccepted() throws Exception {
        publishKeys(key);
        documents.put(BASE + "/.well-known/openid-configuration", "{\"issuer\":\"http://127.0.0.1:9000/\"}");
        validator.validate(token(c -> c.issuer("http://127.0.0.1:9000/")), CLIENT, NONCE);
    }

    @Test
    void whenIssuerMatchesNeitherLocationNorDiscoveryThenRejected() throws Exception {
        publishKeys(key);
        documents.put(BASE + "/.well-known/openid-configuration", "{\"issuer\":\"http://127.0.0.1:9000/\"}");
        assertEquals("the issuer \"https://evil.example/\" is not one of [\"http://hydra:4444/\", "
                + "\"http://127.0.0.1:9000/\"]", reason(token(c -> c.issuer("https://evil.example/"))));
    }

    @Test
    void whenIssuerDiffersAndNoDiscoveryThenRejectedWithTheDiscoveryProblem() throws Exception {
        publishKeys(key);
        assertEquals("the issuer \"http://127.0.0.1:9000/\" is not \"http://hydra:4444/\" (the discovery document "
                + BASE + "/.well-known/openid-configuration could not be used: could not reach the server at " + BASE
                + "/.well-known/openid-configuration: connection refused)",
                reason(token(c -> c.issuer("http://127.0.0.1:9000/"))));
    }

    @Test
    void whenAudienceLacksClientThenRejected() throws Exception {
        publishKeys(key);
        assertEquals("its audience [someone-else] does not contain the client id \"another-consumer\"",
                reason(token(c -> c.audience("someone-else"))));
    }

    @Test
    void whenAuthorizedPartyIsAnotherClientThenRejected() throws Exception {
        publishKeys(key);
        assertEquals("its authorized party (azp) \"x\" is not the client id \"another-consumer\"",
                reason(token(c -> c.audience(List.of(CLIENT, "x")).claim("azp", "x"))));
    }

    @Test
    void whenExpiredBeyondClockSkewThenRejectedButWithinSkewAccepted() throws Exception {
        publishKeys(key);
        assertEquals("it expired at 2021-07-08T09:58:59Z",
                reason(token(c -> c.expirationTime(Date.from(NOW.minusSeconds(61))))));
        validator.validate(token(c -> c.expirationTime(Date.from(NOW.minusSeconds(30)))), CLIENT, NONCE);
        assertEquals("it has no exp claim", reason(token(c -> c.expirationTime(null))));
    }

    @Test
    void whenNonceDiffersOrMissingThenRejected() throws Exception {
        publishKeys(key);
        assertEquals("its nonce \"other\" is not the nonce \"" + NONCE + "\" sent in the authorization request",
                reason(token(c -> c.claim("nonce", "other"))));
        assertEquals("it has no nonce, but the authorization request sent \"" + NONCE + "\"",
                reason(token(c -> c.claim("nonce", ""))));
    }

    @Test
    void whenSymmetricUnsignedOrGarbageThenRejected() throws Exception {
        publishKeys(key);
        SignedJWT hmac = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims().build());
        hmac.sign(new MACSigner(new byte[32]));
        assertEquals("it is signed with HS256, but only RSA and EC signatures (the server uses RS256) are accepted",
                reason(hmac.serialize()));
        assertEquals("it is not signed (alg none)", reason(new PlainJWT(claims().build()).serialize()));
        assertTrue(reason("not-a-jwt").startsWith("it is not a JWT ("));
    }

    @Test
    void whenDescribedThenPrefixed() {
        assertEquals("The ID token could not be validated: it has no sub claim",
                new InvalidIdTokenException("it has no sub claim").describe());
    }
}
