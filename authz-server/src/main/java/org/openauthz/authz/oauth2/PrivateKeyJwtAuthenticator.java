package org.openauthz.authz.oauth2;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.openauthz.authz.client.OAuth2Client;
import org.openauthz.authz.client.StoredClient;
import org.openauthz.authz.crypto.Sha256;

import java.security.PublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code private_key_jwt} client authentication (OpenID Connect Core §9, RFC 7523 §2.2, §3): a JWT signed with one of
 * the client's registered keys ({@code jwks}, or fetched from {@code jwks_uri}), with {@code iss} = {@code sub} =
 * client id, our token endpoint (or issuer) in {@code aud}, an {@code exp}, and a {@code jti} that is never accepted
 * twice.
 */
public final class PrivateKeyJwtAuthenticator implements ClientAuthenticator.AssertionAuthenticator {
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(30);
    private static final Duration MAX_LIFETIME = Duration.ofHours(1);

    private final Function<String, Optional<StoredClient>> clients;
    private final Function<String, JWKSet> jwksUriFetcher;
    private final JtiStore jtis;
    private final List<String> audiences;
    private final Clock clock;

    public PrivateKeyJwtAuthenticator(Function<String, Optional<StoredClient>> clients,
                                      Function<String, JWKSet> jwksUriFetcher, JtiStore jtis, List<String> audiences,
                                      Clock clock) {
        this.clients = clients;
        this.jwksUriFetcher = jwksUriFetcher;
        this.jtis = jtis;
        this.audiences = List.copyOf(audiences);
        this.clock = clock;
    }

    @Override
    public OAuth2Client authenticate(String assertion, FormParameters form) {
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(assertion);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw invalid("The client_assertion is not a signed JWT.");
        }
        String clientId = claims.getSubject();
        if (clientId == null || !clientId.equals(claims.getIssuer())) {
            throw invalid("Claims 'iss' and 'sub' of the client_assertion must both be the client id.");
        }
        String formId = form.get("client_id");
        if (formId != null && !formId.equals(clientId)) {
            throw invalid("The client_id in the body does not match the client_assertion.");
        }
        OAuth2Client client = clients.apply(clientId).map(StoredClient::client)
                .orElseThrow(() -> invalid("The requested OAuth 2.0 Client does not exist."));
        if (!"private_key_jwt".equals(client.tokenEndpointAuthMethod())) {
            throw invalid("The OAuth 2.0 Client supports client authentication method '"
                    + client.tokenEndpointAuthMethod() + "', but method 'private_key_jwt' was requested.");
        }
        String expectedAlg = client.tokenEndpointAuthSigningAlg() == null ? "RS256"
                : client.tokenEndpointAuthSigningAlg();
        if (!JWSAlgorithm.parse(expectedAlg).equals(jwt.getHeader().getAlgorithm())) {
            throw invalid("The client_assertion must be signed with " + expectedAlg + ", the client's "
                    + "token_endpoint_auth_signing_alg.");
        }
        verifySignature(jwt, keysOf(client));
        checkClaims(claims);
        if (!jtis.claim(Sha256.hex(clientId + "\u0000" + claims.getJWTID()), claims.getExpirationTime().toInstant())) {
            throw OAuth2Error.JTI_KNOWN.withHint("The jti of the client_assertion was already used; sign a new "
                    + "assertion for every request.").toException();
        }
        return client;
    }

    private JWKSet keysOf(OAuth2Client client) {
        try {
            if (client.jwks() != null && !client.jwks().isNull()) {
                return JWKSet.parse(client.jwks().toString());
            }
            if (client.jwksUri() != null && !client.jwksUri().isEmpty()) {
                return jwksUriFetcher.apply(client.jwksUri());
            }
        } catch (ParseException e) {
            throw invalid("The client's registered jwks is not a JSON Web Key Set.");
        } catch (RuntimeException e) {
            throw invalid("The client's jwks_uri could not be fetched.");
        }
        throw invalid("The OAuth 2.0 Client has no jwks or jwks_uri to check the client_assertion with.");
    }

    private static void verifySignature(SignedJWT jwt, JWKSet keys) {
        String kid = jwt.getHeader().getKeyID();
        for (JWK key : keys.getKeys()) {
            if ((kid != null && !kid.equals(key.getKeyID())) || !(key instanceof AsymmetricJWK asymmetric)) {
                continue;
            }
            try {
                PublicKey publicKey = asymmetric.toPublicKey();
                JWSVerifier verifier = new DefaultJWSVerifierFactory().createJWSVerifier(jwt.getHeader(), publicKey);
                if (jwt.verify(verifier)) {
                    return;
                }
            } catch (JOSEException e) {
                // a key of another type: try the next one
            }
        }
        throw invalid("The client_assertion signature does not verify with any of the client's keys.");
    }

    private void checkClaims(JWTClaimsSet claims) {
        Instant now = clock.instant();
        if (claims.getExpirationTime() == null || claims.getJWTID() == null) {
            throw invalid("The client_assertion must have 'exp' and 'jti' claims.");
        }
        Instant exp = claims.getExpirationTime().toInstant();
        if (exp.plus(CLOCK_SKEW).isBefore(now)) {
            throw invalid("The client_assertion has expired.");
        }
        if (exp.isAfter(now.plus(MAX_LIFETIME))) {
            throw invalid("The client_assertion must expire within an hour.");
        }
        if (claims.getNotBeforeTime() != null && claims.getNotBeforeTime().toInstant().isAfter(now.plus(CLOCK_SKEW))) {
            throw invalid("The client_assertion is not valid yet.");
        }
        if (claims.getAudience() == null || claims.getAudience().stream().noneMatch(audiences::contains)) {
            throw invalid("The client_assertion's 'aud' must contain the token endpoint URL " + audiences.get(0) + ".");
        }
    }

    private static OAuth2Exception invalid(String hint) {
        return OAuth2Error.INVALID_CLIENT.withHint(hint).toException();
    }
}
