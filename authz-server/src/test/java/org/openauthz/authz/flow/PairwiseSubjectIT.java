package org.openauthz.authz.flow;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openauthz.admin.client.model.OAuth2Client;
import org.openauthz.admin.client.model.OAuth2TokenIntrospection;
import org.openauthz.authz.testing.StubHttpServer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openauthz.authz.flow.FlowHarness.unique;

/**
 * Pairwise subject identifiers through real sign-ins on PostgreSQL
 * (<a href="https://openid.net/specs/openid-connect-core-1_0.html#PairwiseAlg">OpenID Connect Core §8.1</a>): clients
 * of one sector see the same {@code sub}, clients of another sector a different one, public clients the subject
 * itself; introspection shows the real subject as {@code sub} and the pairwise one as {@code obfuscated_subject}.
 * The sector identifier documents are served by a real HTTP server on a loopback port.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PairwiseSubjectIT {
    private static final String SALT = "a-pairwise-salt-for-tests";

    private FlowHarness harness;
    private StubHttpServer sectors;

    @BeforeAll
    void start() {
        sectors = StubHttpServer.start();
        String listed = "[\"" + RelyingParty.REDIRECT_URI + "\", \"https://other.example/cb\"]";
        sectors.answer("/sector-a.json", StubHttpServer.Answer.of(200, listed));
        sectors.answer("/sector-b.json", StubHttpServer.Answer.of(200, listed));
        harness = FlowHarness.start(Map.of("oidc.subject_identifiers.supported_types", "public,pairwise",
                "oidc.subject_identifiers.pairwise.salt", SALT));
    }

    @AfterAll
    void stop() {
        if (harness != null) {
            harness.close();
        }
        if (sectors != null) {
            sectors.close();
        }
    }

    private OAuth2Client client(String subjectType, String sectorPath) throws Exception {
        return harness.admin.createOAuth2Client(new OAuth2Client().clientId(unique("rp")).clientSecret(FlowHarness.SECRET)
                .grantTypes(List.of("authorization_code", "refresh_token")).responseTypes(List.of("code"))
                .scope("openid offline email").redirectUris(List.of(RelyingParty.REDIRECT_URI.toString()))
                .subjectType(subjectType).sectorIdentifierUri(sectorPath == null ? null : sectors.url(sectorPath)));
    }

    /** A sign-in of {@code subject} at {@code client}: the token response and the validated ID token. */
    private record SignIn(OIDCTokenResponse tokens, IDTokenClaimsSet idToken) {
        String accessToken() {
            return tokens.getOIDCTokens().getAccessToken().getValue();
        }
    }

    private SignIn signIn(OAuth2Client client, String subject) throws Exception {
        RelyingParty party = harness.relyingParty(client);
        RelyingParty.Attempt attempt = RelyingParty.Attempt.fresh();
        AuthorizationCode code = harness.authorize(party, attempt, subject);
        OIDCTokenResponse tokens = RelyingParty.success(party.redeem(code, attempt.verifier()));
        return new SignIn(tokens, party.validate(tokens.getOIDCTokens().getIDToken(), attempt.nonce()));
    }

    private static String sha256Hex(String input) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(input.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void whenTwoClientsShareASectorThenTheySeeOneSubAndAnotherSectorSeesAnother() throws Exception {
        String subject = unique("alice");
        OAuth2Client a1 = client("pairwise", "/sector-a.json");
        OAuth2Client a2 = client("pairwise", "/sector-a.json");
        OAuth2Client b = client("pairwise", "/sector-b.json");
        OAuth2Client open = client("public", null);

        String subA1 = signIn(a1, subject).idToken().getSubject().getValue();
        String subA2 = signIn(a2, subject).idToken().getSubject().getValue();
        String subB = signIn(b, subject).idToken().getSubject().getValue();
        String subPublic = signIn(open, subject).idToken().getSubject().getValue();

        assertThat(subA1).isEqualTo(subA2).isNotEqualTo(subject).matches("[0-9a-f]{64}");
        assertThat(subB).isNotEqualTo(subA1).isNotEqualTo(subject);
        assertThat(subPublic).isEqualTo(subject);
        // The value pairwise subjects have always had (and Hydra computes): SHA-256 of sector URI, subject, salt.
        assertThat(subA1).isEqualTo(sha256Hex(sectors.url("/sector-a.json") + subject + SALT));
        assertThat(sectors.received("/sector-a.json")).as("fetched at each registration").hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void whenAPairwiseClientHasNoSectorUriThenTheRedirectHostIsTheSector() throws Exception {
        String subject = unique("bob");
        OAuth2Client noSector = client("pairwise", null);

        String sub = signIn(noSector, subject).idToken().getSubject().getValue();

        String host = RelyingParty.REDIRECT_URI.getHost() + ":" + RelyingParty.REDIRECT_URI.getPort();
        assertThat(sub).isEqualTo(sha256Hex(host + subject + SALT));
    }

    @Test
    void whenAPairwiseTokenIsIntrospectedThenSubIsTheSubjectAndObfuscatedSubjectThePairwiseSub() throws Exception {
        String subject = unique("carol");
        SignIn pairwise = signIn(client("pairwise", "/sector-a.json"), subject);
        SignIn open = signIn(client("public", null), subject);

        OAuth2TokenIntrospection access = harness.admin.introspectOAuth2Token(pairwise.accessToken(), null);
        OAuth2TokenIntrospection refresh = harness.admin.introspectOAuth2Token(
                pairwise.tokens().getOIDCTokens().getRefreshToken().getValue(), null);
        OAuth2TokenIntrospection publicAccess = harness.admin.introspectOAuth2Token(open.accessToken(), null);

        String pairwiseSub = pairwise.idToken().getSubject().getValue();
        assertThat(access.getSub()).isEqualTo(subject);
        assertThat(access.getObfuscatedSubject()).isEqualTo(pairwiseSub);
        assertThat(refresh.getSub()).isEqualTo(subject);
        assertThat(refresh.getObfuscatedSubject()).isEqualTo(pairwiseSub);
        assertThat(publicAccess.getSub()).isEqualTo(subject);
        assertThat(publicAccess.getObfuscatedSubject()).isNull();
    }

    @Test
    void whenAPairwiseGrantIsRefreshedThenTheNewTokensKeepThePairwiseSub() throws Exception {
        String subject = unique("dave");
        OAuth2Client client = client("pairwise", "/sector-b.json");
        SignIn first = signIn(client, subject);

        OIDCTokenResponse refreshed = RelyingParty.success(harness.relyingParty(client)
                .refresh(first.tokens().getOIDCTokens().getRefreshToken()));

        String pairwiseSub = first.idToken().getSubject().getValue();
        assertThat(refreshed.getOIDCTokens().getIDToken().getJWTClaimsSet().getSubject()).isEqualTo(pairwiseSub);
        OAuth2TokenIntrospection access = harness.admin.introspectOAuth2Token(
                refreshed.getOIDCTokens().getAccessToken().getValue(), null);
        assertThat(access.getSub()).isEqualTo(subject);
        assertThat(access.getObfuscatedSubject()).isEqualTo(pairwiseSub);
    }
}
