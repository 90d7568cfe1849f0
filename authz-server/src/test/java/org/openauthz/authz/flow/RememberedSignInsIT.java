package org.openauthz.authz.flow;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.AuthenticationResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationResponseParser;
import com.nimbusds.openid.connect.sdk.AuthenticationSuccessResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.Prompt;
import com.nimbusds.openid.connect.sdk.claims.ACR;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openauthz.admin.client.model.OAuth2Client;
import org.openauthz.admin.client.model.OAuth2TokenIntrospection;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openauthz.authz.flow.FlowHarness.acceptConsent;
import static org.openauthz.authz.flow.FlowHarness.acceptLogin;
import static org.openauthz.authz.flow.FlowHarness.never;
import static org.openauthz.authz.flow.FlowHarness.unique;

/**
 * {@code oauth2.accept_remembered_sign_ins} (decision 0027, docs/custom-idp.md): with it on, a browser that comes
 * back with a remembered login session, for a client whose remembered consent covers exactly the requested scopes,
 * is answered by the server itself: straight to the client with a code, the login and consent apps never reached.
 * Everything that asks the apps for a decision still goes to them. Real server on PostgreSQL; Nimbus is the relying
 * party and validates every ID token against the published keys.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RememberedSignInsIT {
    private static final String SCOPE = "openid offline email";
    private static final String ACR_PASSWORD = "urn:openauthz:acr:password";

    private FlowHarness harness;
    private OAuth2Client client;
    private RelyingParty rp;

    @BeforeAll
    void start() throws Exception {
        harness = FlowHarness.start(Map.of("oauth2.accept_remembered_sign_ins", "true"));
        client = harness.createCodeClient();
        rp = harness.relyingParty(client);
    }

    @AfterAll
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    /** A finished flow: the run through the apps (if any) and the validated ID token. */
    private record SignIn(FlowHarness.Run run, OIDCTokenResponse tokens, IDTokenClaimsSet idToken) {
        String accessToken() {
            return tokens.getOIDCTokens().getAccessToken().getValue();
        }
    }

    /** A first sign-in: login remembered with an acr, consent remembered with session claims (FlowHarness). */
    private SignIn firstSignIn(Browser browser, String subject) throws Exception {
        return signIn(browser, SCOPE, b -> b, acceptLogin(subject), acceptConsent());
    }

    /** A sign-in that the apps must not see. */
    private SignIn answeredByServer(Browser browser, String scope, UnaryOperator<AuthenticationRequest.Builder> extra)
            throws Exception {
        return signIn(browser, scope, extra, (a, r) -> never("login app"), (a, r) -> never("consent app"));
    }

    private SignIn signIn(Browser browser, String scope, UnaryOperator<AuthenticationRequest.Builder> extra,
                          FlowHarness.LoginApp loginApp, FlowHarness.ConsentApp consentApp) throws Exception {
        RelyingParty.Attempt attempt = RelyingParty.Attempt.fresh();
        FlowHarness.Run run = harness.run(browser, extra.apply(rp.request("code", scope, attempt)).build().toURI(),
                loginApp, consentApp);
        assertThat(run.callback()).as("the browser must end at the client").isNotNull();
        AuthenticationResponse response = AuthenticationResponseParser.parse(run.callback());
        assertThat(response.indicatesSuccess()).as("callback %s", run.callback()).isTrue();
        AuthenticationSuccessResponse success = response.toSuccessResponse();
        assertThat(success.getState()).isEqualTo(attempt.state());
        AuthorizationCode code = success.getAuthorizationCode();
        OIDCTokenResponse tokens = RelyingParty.success(rp.redeem(code, attempt.verifier()));
        return new SignIn(run, tokens, rp.validate(tokens.getOIDCTokens().getIDToken(), attempt.nonce()));
    }

    @Test
    void whenBrowserReturnsThenTheServerAnswersWithTheRememberedSessionAndConsent() throws Exception {
        Browser browser = new Browser();
        String subject = unique("ret");
        SignIn first = firstSignIn(browser, subject);

        SignIn second = answeredByServer(browser, SCOPE, b -> b);

        // One redirect: the authorization endpoint answers the client directly (RFC 6749 §4.1.2).
        assertThat(second.run().login()).isNull();
        assertThat(second.run().consent()).isNull();
        IDTokenClaimsSet id = second.idToken();
        assertThat(id.getSubject().getValue()).isEqualTo(subject);
        assertThat(id.getStringClaim("sid")).isEqualTo(first.idToken().getStringClaim("sid"));
        // OIDC Core §2: auth_time is when the user authenticated, not this request.
        assertThat(id.getAuthenticationTime()).isEqualTo(first.idToken().getAuthenticationTime());
        assertThat(id.getACR()).isEqualTo(new ACR(ACR_PASSWORD));
        // The remembered consent's session claims, as the consent app granted them.
        assertThat(id.getStringClaim("email")).isEqualTo(subject + "@example.com");
        OAuth2TokenIntrospection token = harness.admin.introspectOAuth2Token(second.accessToken(), null);
        assertThat(token.getActive()).isTrue();
        assertThat(token.getScope()).isEqualTo(SCOPE);
        assertThat(token.getExt()).containsEntry("department", "research");
        assertThat(second.tokens().getOIDCTokens().getRefreshToken()).isNotNull();
        // Hydra lists consents the user gave, not the skips: still one.
        assertThat(harness.admin.listSubjectConsentSessions(subject, null, null)).hasSize(1);
    }

    @Test
    void whenTheConsentWasGivenInThisLoginSessionThenNothingIsStoredElseTheFlowIsStoredForLogout() throws Exception {
        Browser browser = new Browser();
        String subject = unique("sessions");
        firstSignIn(browser, subject);

        int before = harness.rows("hydra_oauth2_flow");
        SignIn sameSession = answeredByServer(browser, SCOPE, b -> b);
        // The code joins the remembered consent's flow, which already ties the client to this session.
        assertThat(harness.rows("hydra_oauth2_flow")).isEqualTo(before);

        // A new login session (the old one revoked); the consent app skips on the remembered consent.
        harness.admin.revokeAuthenticationSession(subject);
        SignIn relogin = signIn(browser, SCOPE, b -> b, acceptLogin(subject), acceptConsent());
        assertThat(relogin.run().consent().getSkip()).isTrue();
        String newSid = relogin.idToken().getStringClaim("sid");
        assertThat(newSid).isNotEqualTo(sameSession.idToken().getStringClaim("sid"));
        before = harness.rows("hydra_oauth2_flow");

        SignIn laterSession = answeredByServer(browser, SCOPE, b -> b);

        assertThat(laterSession.idToken().getStringClaim("sid")).isEqualTo(newSid);
        // Logout of the new session must find this client: the finished flow is stored under it.
        assertThat(harness.rows("hydra_oauth2_flow")).isEqualTo(before + 1);
        // An acr belongs to one authentication: not carried into another session.
        assertThat(laterSession.idToken().getACR()).isNull();
    }

    @Test
    void whenPromptIsNoneThenTheServerAnswersToo() throws Exception {
        Browser browser = new Browser();
        String subject = unique("silent");
        firstSignIn(browser, subject);

        // OIDC Core §3.1.2.1 prompt=none: the silent renewal single-page apps make.
        SignIn renewed = answeredByServer(browser, SCOPE, b -> b.prompt(Prompt.Type.NONE));

        assertThat(renewed.idToken().getSubject().getValue()).isEqualTo(subject);
    }

    @Test
    void whenTheRequestAsksTheAppsForSomethingThenTheyAreAsked() throws Exception {
        Browser browser = new Browser();
        String subject = unique("ask");
        firstSignIn(browser, subject);

        // prompt=consent and prompt=login (OIDC Core §3.1.2.1), acr_values, login_hint: the apps decide.
        SignIn consent = signIn(browser, SCOPE, b -> b.prompt(Prompt.Type.CONSENT), acceptLogin(subject),
                acceptConsent());
        assertThat(consent.run().login().getSkip()).isTrue();
        assertThat(consent.run().consent().getSkip()).isFalse();
        SignIn login = signIn(browser, SCOPE, b -> b.prompt(Prompt.Type.LOGIN), acceptLogin(subject), acceptConsent());
        assertThat(login.run().login().getSkip()).isFalse();
        SignIn acr = signIn(browser, SCOPE, b -> b.acrValues(List.of(new ACR("urn:example:mfa"))),
                acceptLogin(subject), acceptConsent());
        assertThat(acr.run().login().getSkip()).isTrue();
        SignIn hint = signIn(browser, SCOPE, b -> b.loginHint("someone-else@example.com"), acceptLogin(subject),
                acceptConsent());
        assertThat(hint.run().login().getSkip()).isTrue();
        assertThat(hint.run().consent().getSkip()).isTrue();
    }

    @Test
    void whenFewerScopesAreRequestedThenTheConsentAppDecidesWhatToRelease() throws Exception {
        Browser browser = new Browser();
        String subject = unique("narrow");
        firstSignIn(browser, subject);

        // The remembered claims were released for "email"; a request without it must not get them unasked.
        SignIn narrower = signIn(browser, "openid offline", b -> b, acceptLogin(subject), acceptConsent());

        assertThat(narrower.run().login().getSkip()).isTrue();
        assertThat(narrower.run().consent().getSkip()).isTrue();
    }

    @Test
    void whenLoginSessionsAreRevokedThenTheLoginAppAuthenticatesAgain() throws Exception {
        Browser browser = new Browser();
        String subject = unique("disabled");
        firstSignIn(browser, subject);

        // What a login app does when it disables a user, since with this setting it no longer sees returning users.
        harness.admin.revokeAuthenticationSession(subject);

        SignIn next = signIn(browser, SCOPE, b -> b, acceptLogin(subject), acceptConsent());
        assertThat(next.run().login().getSkip()).isFalse();
    }

    @Test
    void whenConsentSessionsAreRevokedThenTheServerAnsweredTokensDieAndConsentIsAskedAgain() throws Exception {
        Browser browser = new Browser();
        String subject = unique("revoked");
        firstSignIn(browser, subject);
        SignIn answered = answeredByServer(browser, SCOPE, b -> b);

        harness.admin.revokeConsentSessions(subject, client.getClientId(), null);

        assertThat(harness.active(answered.accessToken())).isFalse();
        SignIn next = signIn(browser, SCOPE, b -> b, acceptLogin(subject), acceptConsent());
        assertThat(next.run().login().getSkip()).isTrue();
        assertThat(next.run().consent().getSkip()).isFalse();
    }

    @Test
    void whenMaxAgeHasPassedThenTheLoginAppAuthenticatesAgain() throws Exception {
        Browser browser = new Browser();
        String subject = unique("aged");
        firstSignIn(browser, subject);
        Thread.sleep(1100);

        // OIDC Core §3.1.2.1 max_age: older than that, the user must authenticate again.
        SignIn next = signIn(browser, SCOPE, b -> b.maxAge(1), acceptLogin(subject), acceptConsent());

        assertThat(next.run().login().getSkip()).isFalse();
    }
}
