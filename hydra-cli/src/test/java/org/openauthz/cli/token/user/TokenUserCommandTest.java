package org.openauthz.cli.token.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openauthz.cli.CliRun;

/**
 * {@code hydra token user} end to end, in-process: the command serves its pages on a free port,
 * the test plays the browser (reads the link, then calls the callback the way the server's
 * redirect would), and {@link FakeAuthorizationServer} plays the token endpoint and key server.
 */
class TokenUserCommandTest {

    private static final Pattern LINK = Pattern.compile("id=\"authorize\" href=\"([^\"]+)\"");
    private static final Pattern CODE_ELEMENT = Pattern.compile("<code id=\"([a-z-]+)\">([^<]*)</code>");

    private FakeAuthorizationServer authorizationServer;
    private HttpClient browser;
    private int port;
    private CompletableFuture<CliRun.Result> run;

    @BeforeEach
    void start() throws Exception {
        authorizationServer = new FakeAuthorizationServer().now(CliRun.NOW);
        browser = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        port = freePort();
    }

    @AfterEach
    void stop() throws Exception {
        if (run != null && !run.isDone()) {
            // end the command by completing a run, so the test never leaves a server behind
            try {
                get("/callback?error=test_ended");
            } catch (IOException ignored) {
                // already gone
            }
            run.get(10, TimeUnit.SECONDS);
        }
        authorizationServer.close();
    }

    /** The guide's invocation: explicit authorization and token URLs, no --endpoint. */
    private void startGuideCommand(String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("token", "user", "--port", Integer.toString(port),
                "--auth-url", "http://127.0.0.1:9000/oauth2/auth",
                "--token-url", authorizationServer.url() + "/oauth2/token",
                "--client-id", "another-consumer", "--client-secret", "consumer-secret",
                "--scope", "openid,offline", "--redirect", "http://127.0.0.1:" + port + "/callback", "--no-open"));
        args.addAll(List.of(extra));
        run = CompletableFuture.supplyAsync(() -> new CliRun().run(args.toArray(String[]::new)));
        awaitHomePage("http");
    }

    @Test
    void whenGuideFlowCompletesThenTokensShownPrintedAndExitZero() throws Exception {
        // As in the guide's Docker setup: the token URL's host is not the issuer's.
        authorizationServer.issuer("http://127.0.0.1:9000/");
        startGuideCommand();

        HttpResponse<String> home = get("/");
        assertEquals(200, home.statusCode());
        assertTrue(home.body().contains("Welcome to the exemplary OAuth 2.0 Consumer!"), home.body());
        assertTrue(home.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        Map<String, String> link = linkParameters(home.body());
        assertEquals("code", link.get("response_type"));
        assertEquals("another-consumer", link.get("client_id"));
        assertEquals("http://127.0.0.1:" + port + "/callback", link.get("redirect_uri"));
        assertEquals("openid offline", link.get("scope"));
        assertTrue(link.get("state").matches("[a-z]{24}"), link.get("state"));
        assertTrue(link.get("nonce").matches("[a-z]{24}"), link.get("nonce"));
        assertEquals("S256", link.get("code_challenge_method"));
        authorizationServer.expect(link.get("code_challenge"), link.get("nonce"));

        HttpResponse<String> callback = get("/callback?code=" + FakeAuthorizationServer.CODE + "&scope=openid+offline"
                + "&state=" + link.get("state"));

        assertEquals(200, callback.statusCode(), callback.body());
        Map<String, String> shown = codeElements(callback.body());
        assertEquals(FakeAuthorizationServer.ACCESS_TOKEN, shown.get("access-token"));
        assertEquals(FakeAuthorizationServer.REFRESH_TOKEN, shown.get("refresh-token"));
        assertEquals("2021-07-08T10:59:59Z (3599 seconds)", shown.get("expires"));
        String idToken = shown.get("id-token");
        assertNotNull(idToken);
        assertTrue(callback.body().contains("id=\"id-token-valid\""), callback.body());
        assertTrue(shown.get("id-token-claims").contains("&quot;nonce&quot; : &quot;" + link.get("nonce")),
                shown.get("id-token-claims"));
        assertTrue(shown.get("id-token-claims").contains("&quot;aud&quot; : [ &quot;another-consumer&quot; ]"),
                "claims shown as issued: " + shown.get("id-token-claims"));

        CliRun.Result result = run.get(10, TimeUnit.SECONDS);
        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("Setting up home route on http://127.0.0.1:" + port + "/\n"
                + "Setting up callback listener on http://127.0.0.1:" + port + "/callback\n"
                + "Press ctrl + c on Linux / Windows or cmd + c on OSX to end the process.\n"
                + "If your browser does not open automatically, navigate to:\n"
                + "\n"
                + "\thttp://127.0.0.1:" + port + "/\n"
                + "\n"
                + "Access Token:\n\t" + FakeAuthorizationServer.ACCESS_TOKEN + "\n"
                + "Refresh Token:\n\t" + FakeAuthorizationServer.REFRESH_TOKEN + "\n"
                + "Expires in:\n\t2021-07-08T10:59:59Z (3599 seconds)\n"
                + "ID Token:\n\t" + idToken + "\n", result.out());
        assertEquals("", result.err());

        FakeAuthorizationServer.TokenRequest request = authorizationServer.tokenRequests().get(0);
        assertEquals("authorization_code", request.form().get("grant_type"));
        assertEquals("http://127.0.0.1:" + port + "/callback", request.form().get("redirect_uri"));
        assertEquals(64, request.form().get("code_verifier").length());
        assertFalse(request.form().containsKey("client_secret"), "the secret goes in the Basic header only");
        assertConnectionRefused();
    }

    @Test
    void whenStateDoesNotMatchThenBadRequestNoExchangeAndExitOne() throws Exception {
        startGuideCommand();
        Map<String, String> link = linkParameters(get("/").body());

        HttpResponse<String> callback = get("/callback?code=" + FakeAuthorizationServer.CODE
                + "&state=" + "x" + link.get("state").substring(1));

        assertEquals(400, callback.statusCode());
        assertTrue(callback.body().contains("state does not match"), callback.body());
        CliRun.Result result = run.get(10, TimeUnit.SECONDS);
        assertEquals(1, result.exitCode(), result::toString);
        assertTrue(result.err().contains("state does not match"), result.err());
        assertFalse(result.out().contains("Access Token:"), result.out());
        assertTrue(authorizationServer.tokenRequests().isEmpty(), "no code exchange after a state mismatch");
    }

    @Test
    void whenIdTokenSignatureIsWrongThenClearMessageOnPageAndStderrAndExitOne() throws Exception {
        authorizationServer.signWithForeignKey();
        startGuideCommand();
        Map<String, String> link = linkParameters(get("/").body());
        authorizationServer.expect(link.get("code_challenge"), link.get("nonce"));

        HttpResponse<String> callback = get("/callback?code=" + FakeAuthorizationServer.CODE + "&state=" + link.get("state"));

        assertEquals(200, callback.statusCode());
        assertTrue(callback.body().contains("id=\"id-token-error\""), callback.body());
        assertTrue(callback.body().contains("The ID token could not be validated: the signature is invalid"),
                callback.body());
        assertFalse(callback.body().contains("id-token-claims"), "no claims shown for an invalid ID token");
        CliRun.Result result = run.get(10, TimeUnit.SECONDS);
        assertEquals(1, result.exitCode(), result::toString);
        String[] errLines = result.err().split("\n");
        assertEquals(1, errLines.length, result.err());
        assertTrue(errLines[0].startsWith("The ID token could not be validated: the signature is invalid: it does not "
                + "match key \"" + authorizationServer.key().getKeyID() + "\""), errLines[0]);
        assertTrue(result.out().contains("Access Token:\n\t" + FakeAuthorizationServer.ACCESS_TOKEN), result.out());
    }

    @Test
    void whenAuthorizationServerReturnsErrorThenEscapedOnPageAndPrinted() throws Exception {
        startGuideCommand();

        HttpResponse<String> callback = get("/callback?error=access_denied&error_description="
                + URLEncoder.encode("The resource owner <b>denied</b> the request", StandardCharsets.UTF_8)
                + "&state=whatever");

        assertEquals(200, callback.statusCode());
        assertTrue(callback.body().contains("access_denied"), callback.body());
        assertTrue(callback.body().contains("The resource owner &lt;b&gt;denied&lt;/b&gt; the request"), callback.body());
        assertFalse(callback.body().contains("<b>denied"), callback.body());
        CliRun.Result result = run.get(10, TimeUnit.SECONDS);
        assertEquals(1, result.exitCode());
        assertEquals("The authorization server returned an error: access_denied: The resource owner <b>denied</b> "
                + "the request\n", result.err());
    }

    @Test
    void whenTokenEndpointRefusesTheCodeThenOneLineOnStderrAndErrorPage() throws Exception {
        authorizationServer.failTokenRequests(400);
        startGuideCommand();
        Map<String, String> link = linkParameters(get("/").body());

        HttpResponse<String> callback = get("/callback?code=" + FakeAuthorizationServer.CODE + "&state=" + link.get("state"));

        assertEquals(502, callback.statusCode());
        String message = "Could not exchange the authorization code for tokens: 400 Bad Request: The provided "
                + "authorization grant is invalid, expired or revoked.";
        assertTrue(callback.body().contains(message), callback.body());
        CliRun.Result result = run.get(10, TimeUnit.SECONDS);
        assertEquals(1, result.exitCode());
        assertEquals(message + "\n", result.err());
    }

    @Test
    void whenEndpointGivenThenUrlsDerivedAndKeysFetchedFromIt() throws Exception {
        List<String> args = List.of("token", "user", "--endpoint", authorizationServer.url() + "/", "-p",
                Integer.toString(port), "--client-id", "another-consumer", "--client-secret", "consumer-secret",
                "--no-open", "--prompt", "login,consent", "--max-age", "0", "--audience", "https://api.example.com");
        run = CompletableFuture.supplyAsync(() -> new CliRun().run(args.toArray(String[]::new)));
        awaitHomePage("http");
        String home = get("/").body();
        Matcher matcher = LINK.matcher(home);
        assertTrue(matcher.find(), home);
        assertTrue(unescape(matcher.group(1)).startsWith(authorizationServer.url() + "/oauth2/auth?"), matcher.group(1));
        Map<String, String> link = linkParameters(home);
        assertEquals("offline openid", link.get("scope"), "the default scope");
        assertEquals("http://127.0.0.1:" + port + "/callback", link.get("redirect_uri"), "the default redirect");
        assertEquals("login consent", link.get("prompt"));
        assertEquals("0", link.get("max_age"));
        assertEquals("https://api.example.com", link.get("audience"));
        authorizationServer.expect(link.get("code_challenge"), link.get("nonce"));

        HttpResponse<String> callback = get("/callback?code=" + FakeAuthorizationServer.CODE + "&state=" + link.get("state"));

        assertEquals(200, callback.statusCode(), callback.body());
        assertTrue(callback.body().contains("id=\"id-token-valid\""), callback.body());
        assertEquals(0, run.get(10, TimeUnit.SECONDS).exitCode());
    }

    @Test
    void whenEnvironmentNamesServerAndClientWithoutSecretThenPublicClientFlow() throws Exception {
        run = CompletableFuture.supplyAsync(() -> new CliRun().env("HYDRA_URL", authorizationServer.url())
                .env("OAUTH2_CLIENT_ID", "spa").run("token", "user", "--port", Integer.toString(port), "--no-open"));
        awaitHomePage("http");
        Map<String, String> link = linkParameters(get("/").body());
        assertEquals("spa", link.get("client_id"));

        get("/callback?code=" + FakeAuthorizationServer.CODE + "&state=" + link.get("state"));

        CliRun.Result result = run.get(10, TimeUnit.SECONDS);
        FakeAuthorizationServer.TokenRequest request = authorizationServer.tokenRequests().get(0);
        assertEquals(null, request.authorization(), "a public client sends no Basic credentials");
        assertEquals("spa", request.form().get("client_id"));
        assertTrue(result.err().startsWith("No client secret given (--client-secret or OAUTH2_CLIENT_SECRET): acting "
                + "as a public client that authenticates with PKCE only.\n"), result.err());
    }

    @Test
    void whenNeitherEndpointNorBothUrlsThenClearError() {
        CliRun.Result result = new CliRun().run("token", "user", "--client-id", "c", "--client-secret", "s",
                "--auth-url", "http://127.0.0.1:9000/oauth2/auth", "--no-open");
        assertEquals(1, result.exitCode());
        assertEquals("Please provide the server's public URL with --endpoint or the HYDRA_URL environment variable, "
                + "or both --auth-url and --token-url\n", result.err());
    }

    @Test
    void whenNoClientIdThenClearError() {
        CliRun.Result result = new CliRun().run("token", "user", "--endpoint", "http://127.0.0.1:4444", "--no-open");
        assertEquals(1, result.exitCode());
        assertEquals("Please provide a Client ID using --client-id flag, or OAUTH2_CLIENT_ID environment variable.\n",
                result.err());
    }

    @Test
    void whenPortIsTakenThenOneLineError() throws Exception {
        try (ServerSocket taken = new ServerSocket(port)) {
            CliRun.Result result = new CliRun().run("token", "user", "--endpoint", "http://127.0.0.1:4444",
                    "--client-id", "c", "--client-secret", "s", "--port", Integer.toString(port), "--no-open");
            assertEquals(1, result.exitCode());
            assertTrue(result.err().startsWith("Could not listen on port " + port + ": "), result.err());
            assertEquals(1, result.err().split("\n").length, result.err());
        }
    }

    @Test
    void whenHttpsThenHomePageServedOverTlsWithSelfSignedCertificate() throws Exception {
        browser = HttpClient.newBuilder().sslContext(trustAll()).connectTimeout(Duration.ofSeconds(5)).build();
        List<String> args = List.of("token", "user", "--endpoint", authorizationServer.url(), "--port",
                Integer.toString(port), "--client-id", "c", "--client-secret", "s", "--https", "--no-open");
        run = CompletableFuture.supplyAsync(() -> new CliRun().run(args.toArray(String[]::new)));
        awaitHomePage("https");

        HttpResponse<String> home = send("https", "/");

        assertEquals(200, home.statusCode());
        assertEquals("https://127.0.0.1:" + port + "/callback", linkParameters(home.body()).get("redirect_uri"));
        send("https", "/callback?error=test_ended");
        CliRun.Result result = run.get(10, TimeUnit.SECONDS);
        assertTrue(result.out().startsWith("Setting up home route on https://127.0.0.1:" + port + "/\n"), result.out());
    }

    private void assertConnectionRefused() {
        try {
            get("/");
        } catch (ConnectException expected) {
            return;
        } catch (IOException | InterruptedException other) {
            return;
        }
        throw new AssertionError("the consumer still answers after its run");
    }

    private HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return send("http", pathAndQuery);
    }

    private HttpResponse<String> send(String scheme, String pathAndQuery) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(scheme + "://127.0.0.1:" + port + pathAndQuery))
                .timeout(Duration.ofSeconds(10)).GET().build();
        return browser.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private void awaitHomePage(String scheme) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (true) {
            if (run.isDone()) {
                throw new AssertionError("the command ended early: " + run.get());
            }
            try {
                if (send(scheme, "/").statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the consumer did not start on port " + port);
            }
            Thread.sleep(50);
        }
    }

    private static Map<String, String> linkParameters(String html) {
        Matcher matcher = LINK.matcher(html);
        assertTrue(matcher.find(), html);
        URI link = URI.create(unescape(matcher.group(1)));
        return FakeAuthorizationServer.form(link.getRawQuery());
    }

    private static Map<String, String> codeElements(String html) {
        Map<String, String> elements = new java.util.HashMap<>();
        Matcher matcher = CODE_ELEMENT.matcher(html);
        while (matcher.find()) {
            elements.put(matcher.group(1), matcher.group(2));
        }
        return elements;
    }

    private static String unescape(String html) {
        return html.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static SSLContext trustAll() throws Exception {
        TrustManager trustAll = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {trustAll}, new SecureRandom());
        return context;
    }
}
