package org.openauthz.cli.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import io.dropwizard.testing.DropwizardTestSupport;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openauthz.authz.AuthzServerApplication;
import org.openauthz.authz.AuthzServerConfiguration;
import org.openauthz.authz.config.RawSettings;
import org.openauthz.authz.config.ServerSettings;
import org.openauthz.authz.config.SettingsBinder;
import org.openauthz.authz.server.DropwizardSettings;
import org.openauthz.cli.CliRun;

/**
 * {@code hydra doctor} against real servers on PostgreSQL and random ports: one started with a deliberately bad
 * configuration (read by the doctor from a config file) and bad clients, where every planted finding is reported;
 * one with a good configuration (read from environment variables) and good clients, where nothing is.
 */
class DoctorCommandIT {
    /** Example secret from Hydra's quickstart, and one of repeated characters. */
    private static final String EXAMPLE_SECRET = "youReallyNeedToChangeThis";
    private static final String REPEATED_SECRET = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private static final String STRONG_SECRET = "q8V2zR7mW4xK9pL3sN6tB1yH5cJ0dF8gA2eU7iO4wQ";
    /** 2020-01-01T00:00:00Z, before the CLI's fixed clock (2021-07-08). */
    private static final long EXPIRED_AT = 1577836800L;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static EmbeddedPostgres postgres;
    private static final List<DropwizardTestSupport<AuthzServerConfiguration>> SERVERS = new ArrayList<>();
    private static Path badConfig;
    private static String badAdmin;
    private static Map<String, String> goodEnvironment;
    private static String goodAdmin;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.start();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE bad");
            statement.execute("CREATE DATABASE good");
        }
        startBad();
        startGood();
    }

    private static void startBad() throws Exception {
        int[] ports = freePorts();
        String dsn = migrated("bad");
        badConfig = Files.createTempFile("doctor-bad", ".yml");
        Files.writeString(badConfig, """
                dsn: %s
                secrets:
                  system:
                    - %s
                    - %s
                urls:
                  self:
                    issuer: https://auth.example.com/
                serve:
                  public:
                    port: %d
                  admin:
                    port: %d
                ttl:
                  access_token: 24h
                  refresh_token: -1
                  auth_code: 1h
                log:
                  leak_sensitive_values: true
                  level: warn
                rate_limits:
                  enabled: false
                oauth2:
                  implicit_access_tokens:
                    allowed_for_new_clients: true
                  pkce:
                    enforced_for_public_clients: false
                  hashers:
                    pbkdf2:
                      iterations: 1000
                """.formatted(dsn, EXAMPLE_SECRET, REPEATED_SECRET, ports[0], ports[1]));
        ServerSettings settings = SettingsBinder.bind(RawSettings.load(List.of(badConfig), Map.of()),
                new SettingsBinder.Flags(ServerSettings.Mode.ALL, true, List.of()));
        startServer(settings);
        badAdmin = "http://127.0.0.1:" + ports[1];

        createClient(badAdmin, """
                {"client_id":"implicit-spa","grant_types":["implicit"],
                 "response_types":["token","id_token token"],"redirect_uris":["https://spa.example.com/cb"],
                 "token_endpoint_auth_method":"none","scope":"openid"}""");
        createClient(badAdmin, """
                {"client_id":"public-app","grant_types":["authorization_code"],"response_types":["code"],
                 "redirect_uris":["https://app.example.com/cb"],"token_endpoint_auth_method":"none"}""");
        createClient(badAdmin, """
                {"client_id":"plain-http","client_secret":"plain-http-secret-0123456789",
                 "grant_types":["authorization_code"],"response_types":["code"],
                 "redirect_uris":["http://app.example.com/cb"]}""");
        createClient(badAdmin, """
                {"client_id":"wildcard","client_secret":"wildcard-secret-0123456789",
                 "grant_types":["authorization_code"],"response_types":["code"],
                 "redirect_uris":["https://app.example.com/cb/*"]}""");
        createClient(badAdmin, """
                {"client_id":"expired","client_secret":"expired-secret-0123456789","grant_types":["client_credentials"],
                 "response_types":["token"],"client_secret_expires_at":%d}""".formatted(EXPIRED_AT));
        // A JWT access-token set while access tokens are opaque, and a 1024-bit key next to the ID token signer.
        send("POST", badAdmin + "/keys/hydra.jwt.access-token", "{\"alg\":\"RS256\",\"use\":\"sig\"}", 201);
        send("PUT", badAdmin + "/keys/hydra.openid.id-token", "{\"keys\":[" + rsaKey("weak", 1024) + ","
                + rsaKey("strong", 2048) + "]}", 200);
    }

    private static void startGood() throws Exception {
        int[] ports = freePorts();
        Map<String, String> values = new HashMap<>();
        values.put("dsn", migrated("good"));
        values.put("secrets.system", STRONG_SECRET);
        values.put("urls.self.issuer", "https://auth.example.com/");
        values.put("serve.public.port", String.valueOf(ports[0]));
        values.put("serve.admin.port", String.valueOf(ports[1]));
        // TLS terminated by a proxy on this host; the CLI plays the proxy with --fake-tls-termination.
        values.put("serve.tls.allow_termination_from", "127.0.0.1/32");
        values.put("oauth2.pkce.enforced_for_public_clients", "true");
        values.put("keys.rotation.interval", "720h");
        values.put("oauth2.hashers.pbkdf2.iterations", "1000");
        values.put("log.level", "warn");
        startServer(SettingsBinder.bind(RawSettings.of(new HashMap<>(values)), SettingsBinder.Flags.defaults()));
        goodEnvironment = new HashMap<>();
        values.forEach((key, value) -> goodEnvironment.put(key.toUpperCase(Locale.ROOT).replace('.', '_'), value));
        goodAdmin = "http://127.0.0.1:" + ports[1];

        Map<String, String> proxied = Map.of("X-Forwarded-Proto", "https");
        createClient(goodAdmin, """
                {"client_id":"web-app","client_secret":"web-app-secret-0123456789",
                 "grant_types":["authorization_code","refresh_token"],"response_types":["code"],
                 "redirect_uris":["https://app.example.com/cb"],"scope":"openid offline"}""", proxied);
        createClient(goodAdmin, """
                {"client_id":"native-app","grant_types":["authorization_code"],"response_types":["code"],
                 "redirect_uris":["http://127.0.0.1:8080/cb","com.example.app:/cb"],
                 "token_endpoint_auth_method":"none"}""", proxied);
        createClient(goodAdmin, """
                {"client_id":"service","client_secret":"service-secret-0123456789",
                 "grant_types":["client_credentials"],"response_types":["token"]}""", proxied);
    }

    @AfterAll
    static void stop() throws Exception {
        SERVERS.forEach(DropwizardTestSupport::after);
        if (postgres != null) {
            postgres.close();
        }
        if (badConfig != null) {
            Files.deleteIfExists(badConfig);
        }
    }

    @Test
    void whenTheConfigurationAndClientsAreBadThenEachPlantedFindingIsReportedAndTheExitStatusIsHigh() {
        CliRun.Result result = new CliRun().run("doctor", "-c", badConfig.toString(), "--dangerous-force-http",
                "--endpoint", badAdmin);

        assertEquals(DoctorReport.EXIT_HIGH, result.exitCode(), result::toString);
        List<String> lines = List.of(result.out().split("\n"));
        assertFinding(lines, "HIGH", "--dangerous-force-http", "plain HTTP");
        assertFinding(lines, "HIGH", "secrets.system", "entry 1 is a secret printed in public examples");
        assertFinding(lines, "HIGH", "secrets.system", "entry 2 has about 0 bits of entropy");
        assertFinding(lines, "MEDIUM", "ttl.access_token", "access tokens live 24h");
        assertFinding(lines, "MEDIUM", "ttl.refresh_token", "never expire");
        assertFinding(lines, "MEDIUM", "ttl.auth_code", "authorization codes live 1h");
        assertFinding(lines, "MEDIUM", "log.leak_sensitive_values", "log lines");
        assertFinding(lines, "LOW", "rate_limits.enabled", "not limited");
        assertFinding(lines, "LOW", "keys.rotation.interval", "never rotated");
        assertFinding(lines, "LOW", "oauth2.implicit_access_tokens.allowed_for_new_clients", "new clients");
        assertFinding(lines, "HIGH", "client:implicit-spa", "response types \"token\", \"id_token token\"");
        assertFinding(lines, "HIGH", "client:public-app", "does not require PKCE");
        assertFinding(lines, "HIGH", "client:plain-http", "http://app.example.com/cb");
        assertFinding(lines, "MEDIUM", "client:wildcard", "https://app.example.com/cb/*");
        assertFinding(lines, "MEDIUM", "client:expired", "expired at 2020-01-01T00:00:00Z");
        assertFinding(lines, "LOW", "keys:hydra.jwt.access-token", "access tokens are opaque");
        assertFinding(lines, "MEDIUM", "keys:hydra.openid.id-token", "key weak is RSA 1024 bits");
        assertFinding(lines, "INFO", "keys:hydra.openid.id-token", "holds 2 RSA signing keys");
        for (String line : lines) {
            assertTrue(line.contains(" Fix: "), line);
        }
        assertFalse(result.out().contains(EXAMPLE_SECRET), "a secret was printed");
        assertFalse(result.out().contains("secret-0123456789"), "a client secret was printed");
        assertTrue(result.err().contains("in the configuration and 5 clients"), result::toString);
    }

    @Test
    void whenTheBadConfigurationIsCheckedAsJsonWithoutForceHttpThenTheMissingCertificateIsAFinding()
            throws Exception {
        CliRun.Result result = new CliRun().run("doctor", "--config", badConfig.toString(), "--endpoint", badAdmin,
                "--format", "json");

        assertEquals(DoctorReport.EXIT_HIGH, result.exitCode(), result::toString);
        JsonNode report = JSON.readTree(result.out());
        assertEquals("HIGH", report.path("worst").asText());
        assertEquals(5, report.path("clients_checked").asInt());
        Set<String> checks = new TreeSet<>();
        for (JsonNode finding : report.path("findings")) {
            checks.add(finding.path("check").asText() + " " + finding.path("subject").asText());
            for (String field : List.of("severity", "check", "subject", "what", "reference", "fix")) {
                assertFalse(finding.path(field).asText().isEmpty(), field + " in " + finding);
            }
        }
        assertTrue(checks.contains("no-tls-certificate serve.tls"), checks::toString);
        assertTrue(checks.contains("implicit-grant client:implicit-spa"), checks::toString);
        assertTrue(checks.contains("expired-client-secret client:expired"), checks::toString);
        assertFalse(checks.contains("plain-http --dangerous-force-http"), checks::toString);
    }

    @Test
    void whenTheConfigurationAndClientsAreGoodThenNoFindingAndExitZero() throws Exception {
        CliRun run = new CliRun();
        goodEnvironment.forEach(run::env);
        CliRun.Result text = run.run("doctor", "--endpoint", goodAdmin, "--fake-tls-termination");

        assertEquals(0, text.exitCode(), text::toString);
        assertEquals("", text.out(), text::toString);
        assertTrue(text.err().contains("No findings in the configuration and 3 clients."), text::toString);

        CliRun.Result json = run.run("doctor", "--endpoint", goodAdmin, "--fake-tls-termination", "--format", "json");
        assertEquals(0, json.exitCode(), json::toString);
        JsonNode report = JSON.readTree(json.out());
        assertTrue(report.path("worst").isNull(), json::toString);
        assertEquals(0, report.path("findings").size(), json::toString);
    }

    @Test
    void whenTheFormatIsUnknownThenOneErrorLineAndExitOne() {
        CliRun.Result result = new CliRun().run("doctor", "-c", badConfig.toString(), "--endpoint", badAdmin,
                "--format", "yaml");

        assertEquals(1, result.exitCode(), result::toString);
        assertEquals("Invalid value for --format: yaml (text or json)\n", result.err());
    }

    private static void assertFinding(List<String> lines, String severity, String subject, String what) {
        String prefix = String.format("%-6s  %s  ", severity, subject);
        assertTrue(lines.stream().anyMatch(line -> line.startsWith(prefix) && line.contains(what)),
                () -> "no " + severity + " finding about " + subject + " saying '" + what + "' in:\n"
                        + String.join("\n", lines));
    }

    private static void startServer(ServerSettings settings) throws Exception {
        DropwizardTestSupport<AuthzServerConfiguration> server = new DropwizardTestSupport<>(
                AuthzServerApplication.class, DropwizardSettings.toConfiguration(settings));
        server.before();
        SERVERS.add(server);
    }

    private static String migrated(String database) {
        String dsn = "postgres://postgres:postgres@127.0.0.1:" + postgres.getPort() + "/" + database
                + "?sslmode=disable";
        CliRun.Result migrated = new CliRun().run("migrate", "sql", "--yes", dsn);
        assertEquals(0, migrated.exitCode(), migrated::toString);
        return dsn;
    }

    private static void createClient(String admin, String json) throws Exception {
        createClient(admin, json, Map.of());
    }

    private static void createClient(String admin, String json, Map<String, String> headers) throws Exception {
        send("POST", admin + "/clients", json, 201, headers);
    }

    private static void send(String method, String url, String body, int expected) throws Exception {
        send(method, url, body, expected, Map.of());
    }

    private static void send(String method, String url, String body, int expected, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type",
                "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(expected, response.statusCode(), () -> method + " " + url + ": " + response.body());
    }

    private static String rsaKey(String kid, int bits) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(bits);
        KeyPair pair = generator.generateKeyPair();
        return new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
                .keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(com.nimbusds.jose.JWSAlgorithm.RS256).build()
                .toJSONString();
    }

    private static int[] freePorts() throws Exception {
        try (ServerSocket first = new ServerSocket(0); ServerSocket second = new ServerSocket(0)) {
            return new int[] {first.getLocalPort(), second.getLocalPort()};
        }
    }
}
