package org.openauthz.authz.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openauthz.authz.testing.TestServer;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openauthz.authz.api.ApiFixtures.assertJsonError;
import static org.openauthz.authz.api.ApiFixtures.createClient;
import static org.openauthz.authz.api.ApiFixtures.json;
import static org.openauthz.authz.api.ApiFixtures.send;
import static org.openauthz.authz.api.ApiFixtures.uniqueId;

/**
 * The sign-in endpoints answered as plain servlets (decision 0005) keep the wire behaviour they had as Jersey
 * resources: {@code /oauth2/auth} ({@code AuthorizeServlet}) and the admin login and consent requests
 * ({@code LoginConsentFilter}) answer OPTIONS, wrong methods, wrong media types and bad bodies exactly as before.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignInEndpointsWireIT {
    private static final String REDIRECT = "http://127.0.0.1:9010/cb";

    private TestServer server;
    private String clientId;

    @BeforeAll
    void start() {
        server = TestServer.start(Map.of());
        clientId = uniqueId("wire");
        createClient(server, "{\"client_id\":\"" + clientId + "\",\"client_secret\":\"wire-secret-0123456789\","
                + "\"grant_types\":[\"authorization_code\"],\"response_types\":[\"code\"],\"scope\":\"openid\","
                + "\"redirect_uris\":[\"" + REDIRECT + "\"]}");
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private String authorizeQuery() {
        return "client_id=" + clientId + "&response_type=code&scope=openid&redirect_uri="
                + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8) + "&state=abcdefghij";
    }

    /** Starts a flow; returns its login challenge. */
    private String loginChallenge() {
        HttpResponse<String> started = server.get(server.publicUrl("/oauth2/auth?" + authorizeQuery()));
        assertThat(started.statusCode()).isEqualTo(302);
        assertThat(started.headers().firstValue("Set-Cookie").orElseThrow())
                .matches("oauth2_authentication_csrf_insecure=[^;]+;Version=1;Path=/;HttpOnly;SameSite=Lax");
        String location = started.headers().firstValue("Location").orElseThrow();
        return location.substring(location.indexOf("login_challenge=") + "login_challenge=".length());
    }

    @Test
    void authorizationEndpointAnswersMethodsAndMediaTypesAsJerseyDid() {
        HttpResponse<String> options = send(server, "OPTIONS", server.publicUrl("/oauth2/auth"), null, null);
        assertThat(options.statusCode()).isEqualTo(200);
        assertThat(options.headers().firstValue("Allow")).hasValue("HEAD,POST,GET,OPTIONS");

        HttpResponse<String> put = send(server, "PUT", server.publicUrl("/oauth2/auth"), null, null);
        assertJsonError(put, 405, "method_not_allowed");
        assertThat(put.headers().firstValue("Allow")).hasValue("POST,GET,OPTIONS");

        HttpResponse<String> json = send(server, "POST", server.publicUrl("/oauth2/auth"), "application/json", "{}");
        assertThat(assertJsonError(json, 415, "invalid_request").path("error_description").asText())
                .endsWith("The request's Content-Type is not supported by this endpoint.");
    }

    @Test
    void aPostedAuthorizationRequestIsReadFromTheBodyOnly() {
        // The state is in the query string, not the form: as with Jersey's form parameters it does not count.
        HttpResponse<String> posted = send(server, "POST", server.publicUrl("/oauth2/auth?state=fromthequery"),
                "application/x-www-form-urlencoded", authorizeQuery().replace("&state=abcdefghij", ""));
        assertThat(posted.statusCode()).isEqualTo(302);
        assertThat(posted.headers().firstValue("Location").orElseThrow()).startsWith(REDIRECT + "?error=invalid_state");
        assertThat(posted.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    @Test
    void aFormPostErrorPageKeepsItsHeaders() {
        HttpResponse<String> page = server.get(server.publicUrl("/oauth2/auth?" + authorizeQuery()
                + "&response_mode=form_post&login_verifier=unknown"));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html;charset=utf-8");
        assertThat(page.headers().firstValue("Content-Security-Policy"))
                .hasValue("default-src 'none'; script-src 'unsafe-inline'; form-action *");
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(page.body()).contains("name=\"error\" value=\"access_denied\"");
    }

    @Test
    void loginAndConsentRequestsAnswerMethodsAsJerseyDid() {
        HttpResponse<String> options = send(server, "OPTIONS", server.adminUrl("/oauth2/auth/requests/login"), null,
                null);
        assertThat(options.statusCode()).isEqualTo(200);
        assertThat(options.headers().firstValue("Allow")).hasValue("HEAD,GET,OPTIONS");
        HttpResponse<String> putOptions = send(server, "OPTIONS",
                server.adminUrl("/oauth2/auth/requests/consent/accept"), null, null);
        assertThat(putOptions.headers().firstValue("Allow")).hasValue("OPTIONS,PUT");

        HttpResponse<String> post = send(server, "POST", server.adminUrl("/oauth2/auth/requests/login/accept"),
                null, null);
        assertJsonError(post, 405, "method_not_allowed");
        assertThat(post.headers().firstValue("Allow")).hasValue("OPTIONS,PUT");
        HttpResponse<String> putOnGet = send(server, "PUT", server.adminUrl("/oauth2/auth/requests/consent"), null,
                null);
        assertThat(putOnGet.headers().firstValue("Allow")).hasValue("GET,OPTIONS");
    }

    @Test
    void loginAcceptRefusesBadBodiesWithTheSameErrors() {
        String challenge = loginChallenge();
        String accept = server.adminUrl("/oauth2/auth/requests/login/accept?login_challenge=" + challenge);

        assertJsonError(send(server, "PUT", accept, "text/plain", "{}"), 415, "invalid_request");
        assertThat(description(send(server, "PUT", accept, "application/json", null)))
                .endsWith("The request body is empty; it must be a JSON document.");
        assertThat(description(send(server, "PUT", accept, "application/json", "null")))
                .endsWith("The request body is empty; it must be a JSON document.");
        assertThat(description(send(server, "PUT", accept, "application/json", "{\"subject\":")))
                .endsWith("The request body is not valid JSON.");
        assertThat(description(send(server, "PUT", accept, "application/json", "{\"subjectx\":\"a\"}")))
                .endsWith("The request body has an unknown field 'subjectx'.");
        assertThat(description(send(server, "PUT", accept, "application/json",
                "{\"subject\":\"a\",\"remember_for\":\"x\"}")))
                .endsWith("The field 'remember_for' of the request body has the wrong type.");

        // None of those spent the challenge: the login app can still answer it, through the /admin alias too.
        HttpResponse<String> read = server.get(server.adminUrl("/admin/oauth2/auth/requests/login?challenge="
                + challenge));
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(json(read).path("challenge").asText()).isEqualTo(challenge);
        HttpResponse<String> accepted = send(server, "PUT", accept, "application/json; charset=utf-8",
                "{\"subject\":\"wire-user\"}");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        assertThat(json(accepted).path("redirect_to").asText()).contains("login_verifier=");
    }

    @Test
    void otherRequestKindsUnderTheSamePathStillReachTheirEndpoints() {
        assertJsonError(server.get(server.adminUrl("/oauth2/auth/requests/logout?logout_challenge=unknown")), 404,
                "Not Found");
        assertJsonError(send(server, "PUT", server.adminUrl("/oauth2/auth/requests/login/reject?login_challenge=x"),
                "application/json", null), 404, "Not Found");
    }

    private static String description(HttpResponse<String> response) {
        JsonNode body = assertJsonError(response, 400, "invalid_request");
        return body.path("error_description").asText();
    }
}
