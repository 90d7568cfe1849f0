package org.openauthz.authz.flow;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationErrorResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationResponseParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openauthz.admin.client.ApiException;
import org.openauthz.admin.client.model.OAuth2Client;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openauthz.authz.flow.FlowHarness.acceptConsent;
import static org.openauthz.authz.flow.FlowHarness.acceptLogin;
import static org.openauthz.authz.flow.FlowHarness.never;
import static org.openauthz.authz.flow.FlowHarness.unique;

/**
 * PKCE's three strictness levels (RFC 9700 §2.1.1, <a href="https://www.rfc-editor.org/rfc/rfc9700#section-2.1.1">
 * link</a>) on PostgreSQL, with Nimbus as the client: by default public clients must use PKCE and confidential ones
 * may ({@code oauth2.pkce.enforced_for_public_clients} true); {@code oauth2.pkce.enforced} requires it of every
 * client; turning both off is Hydra v1.10's default, where no client must.
 */
class PkceLevelsIT {
    private static final String SCOPE = "openid offline";

    /** One server with the given PKCE settings, a confidential and a public code client. */
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    abstract static class Level {
        private final Map<String, Object> settings;
        FlowHarness harness;
        RelyingParty confidential;
        RelyingParty publicClient;

        Level(Map<String, Object> settings) {
            this.settings = settings;
        }

        @BeforeAll
        void start() throws Exception {
            harness = FlowHarness.start(settings);
            confidential = harness.relyingParty(harness.createCodeClient());
            publicClient = harness.relyingParty(publicClient(harness));
        }

        @AfterAll
        void stop() {
            if (harness != null) {
                harness.close();
            }
        }

        /** The code of a sign-in whose request had no code_challenge, redeemed without a verifier. */
        void assertSignsInWithoutPkce(RelyingParty party) throws Exception {
            RelyingParty.Attempt attempt = RelyingParty.Attempt.fresh();
            FlowHarness.Run run = harness.run(new Browser(), withoutPkce(party, attempt), acceptLogin(unique("nopkce")),
                    acceptConsent());
            AuthenticationResponse response = AuthenticationResponseParser.parse(run.callback());
            assertThat(response.indicatesSuccess()).as("callback %s", run.callback()).isTrue();
            AuthorizationCode code = response.toSuccessResponse().getAuthorizationCode();
            assertThat(RelyingParty.success(party.redeem(code, null))).isNotNull();
        }

        /** RFC 7636 §4.4.1: a request without code_challenge is refused at the client's redirect URI. */
        void assertRefusedWithoutPkce(RelyingParty party) throws Exception {
            RelyingParty.Attempt attempt = RelyingParty.Attempt.fresh();
            FlowHarness.Run run = harness.run(new Browser(), withoutPkce(party, attempt), (a, r) -> never("login app"),
                    (a, r) -> never("consent app"));
            AuthenticationResponse response = AuthenticationResponseParser.parse(run.callback());
            assertThat(response.indicatesSuccess()).isFalse();
            AuthenticationErrorResponse error = response.toErrorResponse();
            assertThat(error.getErrorObject().getCode()).isEqualTo("invalid_request");
            assertThat(error.getErrorObject().getDescription()).contains("code_challenge");
        }

        void assertSignsInWithPkce(RelyingParty party) throws Exception {
            RelyingParty.Attempt attempt = RelyingParty.Attempt.fresh();
            AuthorizationCode code = harness.authorize(party, attempt, unique("pkce"));
            assertThat(RelyingParty.success(party.redeem(code, attempt.verifier()))).isNotNull();
        }
    }

    private static URI withoutPkce(RelyingParty party, RelyingParty.Attempt attempt) {
        return party.request("code", SCOPE, attempt).codeChallenge((CodeVerifier) null, null).build().toURI();
    }

    private static OAuth2Client publicClient(FlowHarness harness) throws ApiException {
        return harness.admin.createOAuth2Client(new OAuth2Client().clientId(unique("public"))
                .grantTypes(List.of("authorization_code", "refresh_token")).responseTypes(List.of("code"))
                .scope("openid offline email").redirectUris(List.of(RelyingParty.REDIRECT_URI.toString()))
                .tokenEndpointAuthMethod("none"));
    }

    @Nested
    class ByDefault extends Level {
        ByDefault() {
            super(Map.of());
        }

        @Test
        void whenAPublicClientOmitsPkceThenInvalidRequestButAConfidentialClientMay() throws Exception {
            assertRefusedWithoutPkce(publicClient);
            assertSignsInWithoutPkce(confidential);
            assertSignsInWithPkce(publicClient);
        }
    }

    @Nested
    class EnforcedForEveryClient extends Level {
        EnforcedForEveryClient() {
            super(Map.of("oauth2.pkce.enforced", "true"));
        }

        @Test
        void whenAnyClientOmitsPkceThenInvalidRequest() throws Exception {
            assertRefusedWithoutPkce(confidential);
            assertRefusedWithoutPkce(publicClient);
            assertSignsInWithPkce(confidential);
            assertSignsInWithPkce(publicClient);
        }
    }

    @Nested
    class NotEnforcedAsInHydraV110 extends Level {
        NotEnforcedAsInHydraV110() {
            super(Map.of("oauth2.pkce.enforced_for_public_clients", "false"));
        }

        @Test
        void whenAPublicClientOmitsPkceThenItSignsIn() throws Exception {
            assertSignsInWithoutPkce(publicClient);
        }
    }
}
