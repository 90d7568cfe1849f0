package org.openauthz.authz.oauth2;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.openauthz.authz.client.OAuth2Client;
import org.openauthz.authz.client.StoredClient;
import org.openauthz.authz.crypto.Sha256;

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
    private final ClientKeys keys;
    private final JtiStore jtis;
    private final List<String> audiences;
    private final Clock clock;

    public PrivateKeyJwtAuthenticator(Function<String, Optional<StoredClient>> clients,
                                      Function<String, JWKSet> jwksUriFetcher, JtiStore jtis, List<String> audiences,
                                      Clock clock) {
        this.clients = clients;
        this.keys = new ClientKeys(jwksUriFetcher);
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
        keys.verify(jwt, client, OAuth2Error.INVALID_CLIENT, "client_assertion");
        checkClaims(claims);
        if (!jtis.claim(Sha256.hex(clientId + "\u0000" + claims.getJWTID()), claims.getExpirationTime().toInstant())) {
            throw OAuth2Error.JTI_KNOWN.withHint("The jti of the client_assertion was already used; sign a new "
                    + "assertion for every request.").toException();
        }
        return client;
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
