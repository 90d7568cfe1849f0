package org.openauthz.authz.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Configuration is validated at startup, every problem at once (docs/configuration.md). */
class SettingsBinderTest {
    private static final String SECRET = "a-system-secret-of-32-characters";
    private static final SettingsBinder.Flags TLS = SettingsBinder.Flags.defaults();
    private static final SettingsBinder.Flags FORCE_HTTP =
            new SettingsBinder.Flags(ServerSettings.Mode.ALL, true, List.of());

    @TempDir
    Path dir;

    private static Map<String, Object> valid() {
        Map<String, Object> values = new HashMap<>();
        values.put("dsn", "memory");
        values.put("secrets.system", SECRET);
        values.put("urls.self.issuer", "https://auth.example/");
        return values;
    }

    private static ServerSettings bind(Map<String, Object> values, SettingsBinder.Flags flags) {
        return SettingsBinder.bind(RawSettings.of(values), flags);
    }

    private static List<String> problems(Map<String, Object> values, SettingsBinder.Flags flags) {
        return catchThrowableOfType(InvalidConfigurationException.class, () -> bind(values, flags)).problems();
    }

    private Path yaml(String text) throws IOException {
        Path file = dir.resolve("hydra.yml");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void whenValidThenHydraDefaultsApply() {
        ServerSettings settings = bind(valid(), TLS);

        assertThat(settings.database().memory()).isTrue();
        assertThat(settings.systemSecrets()).containsExactly(SECRET);
        assertThat(settings.serve().publicPort()).isEqualTo(4444);
        assertThat(settings.serve().adminPort()).isEqualTo(4445);
        assertThat(settings.ttl().accessToken()).isEqualTo(Duration.ofHours(1));
        assertThat(settings.ttl().refreshToken()).isEqualTo(Duration.ofHours(720));
        assertThat(settings.ttl().authCode()).isEqualTo(Duration.ofMinutes(10));
        assertThat(settings.urls().login()).isEqualTo(URI.create("https://auth.example/oauth2/fallbacks/login"));
        assertThat(settings.oidc().subjectTypes()).containsExactly("public");
        assertThat(settings.oidc().defaultClientScope()).isEqualTo("offline_access offline openid");
    }

    @Test
    void whenFileAndEnvironmentSetTheSameKeyThenEnvironmentWins() throws IOException {
        // As in Hydra v1.10: config files, then flags, then environment variables, which win.
        Path file = yaml("""
                dsn: postgres://hydra:secret@db:5432/hydra?sslmode=disable
                secrets:
                  system:
                    - %s
                serve:
                  public:
                    port: 9000
                ttl:
                  access_token: 2h
                urls:
                  self:
                    issuer: https://file.example/
                """.formatted(SECRET));

        ServerSettings settings = SettingsBinder.bind(RawSettings.load(List.of(file),
                Map.of("DSN", "memory", "TTL_ACCESS_TOKEN", "15m")), TLS);

        assertThat(settings.database().memory()).isTrue();
        assertThat(settings.ttl().accessToken()).isEqualTo(Duration.ofMinutes(15));
        assertThat(settings.serve().publicPort()).isEqualTo(9000);
        assertThat(settings.systemSecrets()).containsExactly(SECRET);
        assertThat(settings.urls().issuer()).isEqualTo(URI.create("https://file.example/"));
    }

    @Test
    void whenSeveralFilesThenLaterFileWins() throws IOException {
        Path first = dir.resolve("first.yml");
        Files.writeString(first, "dsn: memory\nlog:\n  level: debug\nsecrets:\n  system: [" + SECRET + "]\n");
        Path second = dir.resolve("second.yml");
        Files.writeString(second, "log:\n  level: error\nurls:\n  self:\n    issuer: https://auth.example/\n");

        ServerSettings settings = SettingsBinder.bind(RawSettings.load(List.of(first, second), Map.of()), TLS);

        assertThat(settings.log().level()).isEqualTo("error");
    }

    @Test
    void whenConfigFileIsMissingThenItIsNamed() {
        Path missing = dir.resolve("nope.yml");

        assertThatThrownBy(() -> RawSettings.load(List.of(missing), Map.of()))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("cannot read config file")
                .hasMessageContaining("nope.yml");
    }

    @Test
    void whenConfigFileIsNotAMappingThenRejected() throws IOException {
        Path file = yaml("- dsn\n- memory\n");

        assertThatThrownBy(() -> RawSettings.load(List.of(file), Map.of()))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("must hold a YAML mapping");
    }

    @ParameterizedTest(name = "SECRETS_SYSTEM={0}")
    @ValueSource(strings = {
            "[\"first-secret-0123456789\", \"second-secret-0123456789\"]",
            "first-secret-0123456789,second-secret-0123456789",
            " first-secret-0123456789 , second-secret-0123456789 ",
            "first-secret-0123456789 second-secret-0123456789",
            "first-secret-0123456789\tsecond-secret-0123456789",
    })
    void whenListComesFromEnvironmentThenJsonArrayCommaAndSpaceFormsAreRead(String env) {
        // As in Hydra v1.10, a list from the environment may be a JSON array, a comma-separated string or
        // whitespace-separated words (docs/configuration.md).
        ServerSettings settings = SettingsBinder.bind(RawSettings.load(List.of(), Map.of("DSN", "memory",
                "SECRETS_SYSTEM", env, "URLS_SELF_ISSUER", "https://auth.example/")), TLS);

        assertThat(settings.systemSecrets()).containsExactly("first-secret-0123456789", "second-secret-0123456789");
    }

    @Test
    void whenEnvironmentListIsBrokenJsonThenRejected() {
        assertThatThrownBy(() -> RawSettings.load(List.of(), Map.of("SECRETS_SYSTEM", "[\"unclosed"))
                .list(SettingKey.SECRETS_SYSTEM))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("SECRETS_SYSTEM is not a valid JSON array");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "https://auth.example,        https://auth.example/",
            "https://auth.example/,       https://auth.example/",
            "https://auth.example/hydra,  https://auth.example/hydra/",
            "https://auth.example:8443,   https://auth.example:8443/",
    })
    void whenIssuerIsConfiguredThenItEndsWithSlash(String configured, String expected) {
        // As in Hydra v1.10, the issuer always ends with "/".
        Map<String, Object> values = valid();
        values.put("urls.self.issuer", configured);

        assertThat(bind(values, TLS).urls().issuer()).hasToString(expected);
    }

    @Test
    void whenIssuerIsNotSetThenItDefaultsToLocalhostOnThePublicPort() {
        Map<String, Object> values = valid();
        values.remove("urls.self.issuer");
        values.put("serve.public.port", "9000");

        assertThat(bind(values, TLS).urls().issuer()).hasToString("https://localhost:9000/");
        assertThat(bind(values, FORCE_HTTP).urls().issuer()).hasToString("http://localhost:9000/");
    }

    @Test
    void whenDsnIsMissingThenMessageNamesDsnAndMemory() {
        Map<String, Object> values = valid();
        values.remove("dsn");

        assertThat(problems(values, TLS)).singleElement().asString()
                .contains("DSN")
                .contains("memory")
                .contains("postgres://");
    }

    @Test
    void whenDsnIsUnusableThenParserMessageIsReported() {
        Map<String, Object> values = valid();
        values.put("dsn", "mysql://u:p@h/db");

        assertThat(problems(values, TLS)).singleElement().asString().contains("scheme 'mysql' is not supported");
    }

    @Test
    void whenSystemSecretIsMissingThenRejected() {
        Map<String, Object> values = valid();
        values.remove("secrets.system");

        assertThat(problems(values, TLS)).singleElement().asString().startsWith("SECRETS_SYSTEM is not set");
    }

    @Test
    void whenAnySystemSecretIsShorterThan16ThenRejectedWithItsPosition() {
        // As in Hydra v1.10, each secrets.system entry must be at least 16 characters (shorter is fatal).
        Map<String, Object> values = valid();
        values.put("secrets.system", List.of(SECRET, "fifteen-chars-x"));

        assertThat(problems(values, TLS)).singleElement().asString()
                .contains("entry 2")
                .contains("15 characters")
                .contains("at least 16");
    }

    @Test
    void whenSystemSecretHasExactly16CharactersThenAccepted() {
        Map<String, Object> values = valid();
        values.put("secrets.system", "sixteen-chars-xx");

        assertThat(bind(values, TLS).systemSecrets()).containsExactly("sixteen-chars-xx");
    }

    @Test
    void whenPublicAndAdminShareAPortThenRejected() {
        Map<String, Object> values = valid();
        values.put("serve.public.port", "4444");
        values.put("serve.admin.port", "4444");

        assertThat(problems(values, TLS)).singleElement().asString()
                .contains("SERVE_PUBLIC_PORT")
                .contains("SERVE_ADMIN_PORT")
                .contains("4444");
    }

    @Test
    void whenOnlyOnePortIsServedThenSharedPortNumbersAreAllowed() {
        // "hydra serve public" listens on one port only, so the other number is never bound.
        Map<String, Object> values = valid();
        values.put("serve.public.port", "4444");
        values.put("serve.admin.port", "4444");

        ServerSettings settings = bind(values, new SettingsBinder.Flags(ServerSettings.Mode.PUBLIC, false, List.of()));

        assertThat(settings.serve().servesAdmin()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "65536", "http"})
    void whenPortIsOutOfRangeThenRejected(String port) {
        Map<String, Object> values = valid();
        values.put("serve.admin.port", port);

        assertThat(problems(values, TLS)).singleElement().asString().startsWith("SERVE_ADMIN_PORT must be a port");
    }

    @Test
    void whenTlsIsOnAndIssuerIsHttpThenRejected() {
        Map<String, Object> values = valid();
        values.put("urls.self.issuer", "http://auth.example/");

        assertThat(problems(values, TLS)).singleElement().asString()
                .contains("URLS_SELF_ISSUER")
                .contains("--dangerous-force-http");
    }

    @Test
    void whenDangerousForceHttpThenHttpIssuerIsAcceptedAndTlsIsOff() {
        Map<String, Object> values = valid();
        values.put("urls.self.issuer", "http://127.0.0.1:4444");

        ServerSettings settings = bind(values, FORCE_HTTP);

        assertThat(settings.urls().issuer()).hasToString("http://127.0.0.1:4444/");
        assertThat(settings.serve().tls().publicEnabled()).isFalse();
        assertThat(settings.serve().tls().adminEnabled()).isFalse();
    }

    @ParameterizedTest(name = "{0} with TLS={1} -> {2}")
    @CsvSource({
            "None,   true,  None",
            "None,   false, Lax",
            "none,   false, Lax",
            "Strict, false, Strict",
            "strict, true,  Strict",
            "Lax,    true,  Lax",
    })
    void whenSameSiteIsNoneWithoutTlsThenLaxIsUsed(String configured, boolean tls, String expected) {
        // Browsers drop SameSite=None cookies that are not Secure, so without TLS Hydra v1.10 falls back to Lax.
        Map<String, Object> values = valid();
        values.put("serve.cookies.same_site_mode", configured);
        values.put("urls.self.issuer", (tls ? "https" : "http") + "://auth.example/");

        ServerSettings settings = bind(values, tls ? TLS : FORCE_HTTP);

        assertThat(settings.serve().sameSiteMode()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} with TLS={1}, workaround={2} -> legacy copies {3}")
    @CsvSource({
            "None,   true,  true,  true",
            "None,   true,  false, false",
            "None,   false, true,  false",
            "Lax,    true,  true,  false",
            "Strict, true,  true,  false",
    })
    void whenTheLegacyWorkaroundIsOnThenCopiesAreMadeOnlyForSameSiteNone(String mode, boolean tls,
                                                                         boolean workaround, boolean copies) {
        // Hydra v1.10: the _legacy copy exists for browsers that reject SameSite=None; without TLS None is Lax.
        Map<String, Object> values = valid();
        values.put("serve.cookies.same_site_mode", mode);
        values.put("serve.cookies.same_site_legacy_workaround", String.valueOf(workaround));
        values.put("urls.self.issuer", (tls ? "https" : "http") + "://auth.example/");

        ServerSettings settings = bind(values, tls ? TLS : FORCE_HTTP);

        assertThat(settings.serve().sameSiteLegacyWorkaround()).isEqualTo(workaround);
        assertThat(settings.serve().sameSiteLegacyCopies()).isEqualTo(copies);
    }

    @Test
    void whenSameSiteIsUnknownThenRejected() {
        Map<String, Object> values = valid();
        values.put("serve.cookies.same_site_mode", "Sometimes");

        assertThat(problems(values, TLS)).singleElement().asString().contains("Strict, Lax or None");
    }

    @Test
    void whenRefreshTtlIsMinusOneThenAcceptedButOtherTtlsMustBePositive() {
        Map<String, Object> values = valid();
        values.put("ttl.refresh_token", "-1");
        assertThat(bind(values, TLS).ttl().refreshToken()).isNegative();

        values.put("ttl.access_token", "-1");
        assertThat(problems(values, TLS)).singleElement().asString().startsWith("TTL_ACCESS_TOKEN must be a positive");
    }

    @Test
    void whenSeveralProblemsThenAllAreReportedAtOnce() {
        Map<String, Object> values = valid();
        values.remove("dsn");
        values.put("secrets.system", "short");
        values.put("serve.public.port", "5000");
        values.put("serve.admin.port", "5000");
        values.put("urls.self.issuer", "http://auth.example/");
        values.put("ttl.access_token", "soon");
        values.put("log.level", "loud");

        InvalidConfigurationException e = catchThrowableOfType(InvalidConfigurationException.class,
                () -> bind(values, TLS));

        assertThat(e.problems()).hasSize(6);
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("DSN is not set"))
                .anySatisfy(p -> assertThat(p).contains("SECRETS_SYSTEM entry 1"))
                .anySatisfy(p -> assertThat(p).contains("both 5000"))
                .anySatisfy(p -> assertThat(p).startsWith("URLS_SELF_ISSUER is http"))
                .anySatisfy(p -> assertThat(p).startsWith("TTL_ACCESS_TOKEN"))
                .anySatisfy(p -> assertThat(p).startsWith("LOG_LEVEL must be one of"));
        assertThat(e.getMessage()).contains("DSN is not set").contains("LOG_LEVEL");
    }

    @Test
    void whenPairwiseIsSupportedWithoutSaltThenRejected() {
        Map<String, Object> values = valid();
        values.put("oidc.subject_identifiers.supported_types", "public,pairwise");

        assertThat(problems(values, TLS)).singleElement().asString()
                .contains("OIDC_SUBJECT_IDENTIFIERS_PAIRWISE_SALT");
    }

    @Test
    void whenNothingIsSetForTheDeviceGrantThenItUsesTheFallbackPagesTenMinutesAndFiveSeconds() {
        ServerSettings settings = bind(valid(), TLS);

        ServerSettings.DeviceGrant device = settings.deviceGrant();
        assertThat(device.verification()).isEqualTo(URI.create(settings.urls().publicUrl("oauth2/fallbacks/device")));
        assertThat(device.success()).isEqualTo(URI.create(settings.urls().publicUrl("oauth2/fallbacks/device/done")));
        assertThat(device.userCodeTtl()).isEqualTo(Duration.ofMinutes(10));
        assertThat(device.pollingInterval()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void whenTheDeviceCodeLivesOverADayOrThePollingIntervalIsUnderASecondThenEachIsReported() {
        Map<String, Object> values = valid();
        values.put("ttl.device_user_code", "25h");
        values.put("oauth2.device_authorization.token_polling_interval", "500ms");
        values.put("urls.device_verification", "/device");

        assertThat(problems(values, TLS)).containsExactlyInAnyOrder(
                "TTL_DEVICE_USER_CODE must be at most 24h, not '25h'",
                "OAUTH2_DEVICE_AUTHORIZATION_TOKEN_POLLING_INTERVAL must be at least 1s (whole seconds)",
                "URLS_DEVICE_VERIFICATION must be an absolute http(s) URL, not '/device'");
    }

    @Test
    void whenNoHookIsSetThenHooksAreOffWithTheDefaultTimeout() {
        ServerSettings.Hooks hooks = bind(valid(), TLS).hooks();

        assertThat(hooks.refreshTokenHook()).isNull();
        assertThat(hooks.tokenHook()).isNull();
        assertThat(hooks.timeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void whenHooksAreSetThenTheirUrlsAndTimeoutAreBound() {
        Map<String, Object> values = valid();
        values.put("oauth2.refresh_token_hook", "http://hooks.internal/refresh");
        values.put("oauth2.token_hook", "https://hooks.internal/token");
        values.put("oauth2.token_hook_timeout", "750ms");

        ServerSettings.Hooks hooks = bind(values, TLS).hooks();

        assertThat(hooks.refreshTokenHook()).isEqualTo(URI.create("http://hooks.internal/refresh"));
        assertThat(hooks.tokenHook()).isEqualTo(URI.create("https://hooks.internal/token"));
        assertThat(hooks.timeout()).isEqualTo(Duration.ofMillis(750));
    }

    @Test
    void whenAHookIsNotAnHttpUrlOrTheTimeoutIsZeroThenEachIsReported() {
        Map<String, Object> values = valid();
        values.put("oauth2.refresh_token_hook", "hooks.internal/refresh");
        values.put("oauth2.token_hook", "ftp://hooks.internal/token");
        values.put("oauth2.token_hook_timeout", "0s");

        assertThat(problems(values, TLS))
                .anySatisfy(p -> assertThat(p).startsWith("OAUTH2_REFRESH_TOKEN_HOOK must be an absolute http(s) URL"))
                .anySatisfy(p -> assertThat(p).startsWith("OAUTH2_TOKEN_HOOK must be an absolute http(s) URL"))
                .anySatisfy(p -> assertThat(p).startsWith("OAUTH2_TOKEN_HOOK_TIMEOUT must be a positive duration"));
    }

    // ---------------------------------------------------------------- JWT access tokens and the published key sets

    @Test
    void whenNothingIsSetThenAccessTokensAreOpaqueAndBothHydraSetsAreBroadcast() {
        ServerSettings settings = bind(valid(), TLS);

        assertThat(settings.oauth2().accessTokenStrategy()).isEqualTo("opaque");
        assertThat(settings.jwtAccessTokens()).isEqualTo(
                new ServerSettings.JwtAccessTokens(false, false, List.of(), false));
        assertThat(settings.jwksBroadcastKeys()).containsExactly("hydra.openid.id-token", "hydra.jwt.access-token");
    }

    @Test
    void whenJwtStrategyAndItsKeysAreSetThenTheyAreBound() {
        Map<String, Object> values = valid();
        values.put("strategies.access_token", "jwt");
        values.put("oauth2.exclude_not_before_claim", "true");
        values.put("oauth2.allowed_top_level_claims", List.of("department", "tenant"));
        values.put("strategies.jwt.access_token_typ", "at+JWT");
        values.put("webfinger.jwks.broadcast_keys", "hydra.openid.id-token,partner-keys");

        ServerSettings settings = bind(values, TLS);

        assertThat(settings.oauth2().accessTokenStrategy()).isEqualTo("jwt");
        assertThat(settings.jwtAccessTokens()).isEqualTo(
                new ServerSettings.JwtAccessTokens(true, true, List.of("department", "tenant"), true));
        assertThat(settings.jwksBroadcastKeys()).containsExactly("hydra.openid.id-token", "partner-keys");
    }

    @Test
    void whenJwtStrategyIsCombinedWithPairwiseSubjectsThenRejected() {
        Map<String, Object> values = valid();
        values.put("strategies.access_token", "jwt");
        values.put("oidc.subject_identifiers.supported_types", "public,pairwise");
        values.put("oidc.subject_identifiers.pairwise.salt", "a-pairwise-salt");

        assertThat(problems(values, TLS)).singleElement().asString()
                .contains("OIDC_SUBJECT_IDENTIFIERS_SUPPORTED_TYPES", "pairwise", "STRATEGIES_ACCESS_TOKEN=opaque");
    }

    @Test
    void whenAllowedTopLevelClaimsNameReservedClaimsThenRejectedWithTheirNames() {
        Map<String, Object> values = valid();
        values.put("oauth2.allowed_top_level_claims", List.of("department", "sub", "scp"));

        assertThat(problems(values, TLS)).singleElement().asString()
                .contains("OAUTH2_ALLOWED_TOP_LEVEL_CLAIMS names sub, scp").doesNotContain("department,");
    }

    @ParameterizedTest
    @ValueSource(strings = {"JOSE", "at-jwt", "application/at+jwt"})
    void whenTypHeaderIsNeitherJwtNorAtJwtThenRejected(String typ) {
        Map<String, Object> values = valid();
        values.put("strategies.jwt.access_token_typ", typ);

        assertThat(problems(values, TLS)).singleElement().asString()
                .isEqualTo("STRATEGIES_JWT_ACCESS_TOKEN_TYP must be JWT or at+jwt, not '" + typ + "'");
    }

    @Test
    void whenAccessTokenStrategyIsUnknownThenRejected() {
        Map<String, Object> values = valid();
        values.put("strategies.access_token", "paseto");

        assertThat(problems(values, TLS)).singleElement().asString()
                .isEqualTo("STRATEGIES_ACCESS_TOKEN must be one of jwt, opaque, not 'paseto'");
    }

    @Test
    void whenTerminationRangesAreSetThenBothPortsAreTlsButBehindTheProxy() {
        Map<String, Object> values = valid();
        values.put("serve.tls.allow_termination_from", "10.0.0.0/8, fd00::/8");

        ServerSettings.Tls tls = bind(values, TLS).serve().tls();

        assertThat(tls.publicEnabled()).isTrue();
        assertThat(tls.publicPort().terminatedByProxy()).isTrue();
        assertThat(tls.publicPort().servesTls()).isFalse();
        assertThat(tls.publicPort().terminationFrom()).extracting(CidrRange::text)
                .containsExactly("10.0.0.0/8", "fd00::/8");
        assertThat(tls.adminPort().terminatedByProxy()).isTrue();
    }

    @Test
    void whenAPortHasItsOwnTerminationRangesThenTheyReplaceTheSharedOnesForThatPortOnly() {
        Map<String, Object> values = valid();
        values.put("serve.tls.allow_termination_from", List.of("10.0.0.0/8"));
        values.put("serve.admin.tls.allow_termination_from", List.of("192.168.0.0/16"));

        ServerSettings.Tls tls = bind(values, TLS).serve().tls();

        assertThat(tls.publicPort().terminationFrom()).extracting(CidrRange::text).containsExactly("10.0.0.0/8");
        assertThat(tls.adminPort().terminationFrom()).extracting(CidrRange::text).containsExactly("192.168.0.0/16");
    }

    @Test
    void whenTerminationRangesAreInvalidThenStartupNamesEachOne() {
        Map<String, Object> values = valid();
        values.put("serve.tls.allow_termination_from", List.of("10.0.0.0/8", "10.0.0.1", "proxy.internal/24"));

        assertThat(problems(values, TLS)).hasSize(2)
                .allSatisfy(p -> assertThat(p).startsWith("SERVE_TLS_ALLOW_TERMINATION_FROM"))
                .anySatisfy(p -> assertThat(p).contains("'10.0.0.1'"))
                .anySatisfy(p -> assertThat(p).contains("'proxy.internal/24'"));
    }

    @Test
    void whenForceHttpThenTerminationRangesDoNotApply() {
        Map<String, Object> values = valid();
        values.put("urls.self.issuer", "http://auth.example/");
        values.put("serve.tls.allow_termination_from", "10.0.0.0/8");

        ServerSettings.Tls tls = bind(values, FORCE_HTTP).serve().tls();

        assertThat(tls.publicPort().terminatedByProxy()).isFalse();
        assertThat(tls.publicPort().servesTls()).isFalse();
    }

    @Test
    void whenAPortHasItsOwnCertificateThenItOverridesTheSharedOneForThatPortOnly() throws IOException {
        Map<String, Object> values = valid();
        values.put("serve.tls.cert.path", Files.writeString(dir.resolve("shared.crt"), "SHARED-CERT").toString());
        values.put("serve.tls.key.path", Files.writeString(dir.resolve("shared.key"), "SHARED-KEY").toString());
        java.util.Base64.Encoder base64 = java.util.Base64.getEncoder();
        values.put("serve.admin.tls.cert.base64", base64.encodeToString("ADMIN-CERT".getBytes()));
        values.put("serve.admin.tls.key.base64", base64.encodeToString("ADMIN-KEY".getBytes()));

        ServerSettings.Tls tls = bind(values, TLS).serve().tls();

        assertThat(tls.publicPort().certificate()).isEqualTo(new ServerSettings.Pem("SHARED-CERT", "SHARED-KEY"));
        assertThat(tls.adminPort().certificate()).isEqualTo(new ServerSettings.Pem("ADMIN-CERT", "ADMIN-KEY"));
    }

    @Test
    void whenAPortHasACertificateWithoutKeyThenRejected() throws IOException {
        Map<String, Object> values = valid();
        values.put("serve.public.tls.cert.path", Files.writeString(dir.resolve("p.crt"), "CERT").toString());

        assertThat(problems(values, TLS)).singleElement().asString().contains("public port")
                .contains("SERVE_PUBLIC_TLS_KEY_PATH");
    }

    @ParameterizedTest(name = "mode {0} -> {1}")
    @CsvSource({"'', 493", "0700, 448", "0660, 432", "493, 493", "384, 384"})
    void whenAHostIsAUnixSocketThenItsModeIsOctalWithLeadingZeroOrDecimal(String mode, int bits) {
        Map<String, Object> values = valid();
        values.put("serve.public.host", "unix:/run/hydra/public.sock");
        values.put("serve.public.socket.mode", mode);
        values.put("serve.public.socket.group", "hydra");

        ServerSettings.Serve serve = bind(values, TLS).serve();

        assertThat(serve.publicSocket()).isEqualTo(new ServerSettings.UnixSocket(
                Path.of("/run/hydra/public.sock"), "", "hydra", bits));
        assertThat(serve.adminSocket()).isNull();
    }

    @ParameterizedTest
    @CsvSource({"unix:, 0755, SERVE_PUBLIC_HOST", "unix:relative.sock, 0755, SERVE_PUBLIC_HOST",
        "unix:/run/p.sock, 0999, SERVE_PUBLIC_SOCKET_MODE", "unix:/run/p.sock, 1000, SERVE_PUBLIC_SOCKET_MODE",
        "unix:/run/p.sock, rwx, SERVE_PUBLIC_SOCKET_MODE",
        "unix:/run/a-directory-name-long-enough-to-overflow/the-108-bytes-that-a-unix-socket-address-holds/"
                + "hydra/public.sock, 0755, SERVE_PUBLIC_HOST"})
    void whenASocketHostOrModeIsInvalidThenRejected(String host, String mode, String key) {
        Map<String, Object> values = valid();
        values.put("serve.public.host", host);
        values.put("serve.public.socket.mode", mode);

        assertThat(problems(values, TLS)).singleElement().asString().startsWith(key);
    }

    @Test
    void whenCorsIsNotConfiguredThenHydrasDefaultsApplyAndItIsOff() {
        ServerSettings.Cors cors = bind(valid(), TLS).serve().publicCors();

        assertThat(cors.enabled()).isFalse();
        assertThat(cors.allowedOrigins()).containsExactly("*");
        assertThat(cors.allowedMethods()).containsExactly("POST", "GET", "PUT", "PATCH", "DELETE");
        assertThat(cors.allowedHeaders()).containsExactly("Authorization", "Content-Type");
        assertThat(cors.exposedHeaders()).containsExactly("Content-Type");
        assertThat(cors.allowCredentials()).isTrue();
        assertThat(cors.optionsPassthrough()).isFalse();
        assertThat(cors.maxAgeSeconds()).isZero();
        assertThat(cors.debug()).isFalse();
        assertThat(bind(valid(), TLS).serve().adminCors().enabled()).isFalse();
    }

    @Test
    void whenCorsComesFromTheEnvironmentThenListsAreSplitAndMethodsUpperCased() {
        RawSettings raw = RawSettings.load(List.of(), Map.of("DSN", "memory", "SECRETS_SYSTEM", SECRET,
                "URLS_SELF_ISSUER", "https://auth.example/", "SERVE_ADMIN_CORS_ENABLED", "true",
                "SERVE_ADMIN_CORS_ALLOWED_ORIGINS", "https://a.example,https://*.b.example",
                "SERVE_ADMIN_CORS_ALLOWED_METHODS", "post,get", "SERVE_ADMIN_CORS_MAX_AGE", "600"));

        ServerSettings.Cors cors = SettingsBinder.bind(raw, TLS).serve().adminCors();

        assertThat(cors.enabled()).isTrue();
        assertThat(cors.allowedOrigins()).containsExactly("https://a.example", "https://*.b.example");
        assertThat(cors.allowedMethods()).containsExactly("POST", "GET");
        assertThat(cors.maxAgeSeconds()).isEqualTo(600);
    }

    @Test
    void whenCorsValuesAreInvalidThenEachIsReportedWithItsVariable() {
        Map<String, Object> values = valid();
        values.put("serve.public.cors.allowed_origins", List.of("https://*.*.example", "https://a.example/path",
                "app.example"));
        values.put("serve.public.cors.allowed_methods", List.of("FETCH"));
        values.put("serve.public.cors.allowed_headers", List.of("Bad Header"));
        values.put("serve.admin.cors.max_age", "-1");
        values.put("serve.admin.cors.enabled", "maybe");

        assertThat(problems(values, TLS)).hasSize(7)
                .anySatisfy(p -> assertThat(p).startsWith("SERVE_PUBLIC_CORS_ALLOWED_ORIGINS").contains("*.*"))
                .anySatisfy(p -> assertThat(p).contains("'https://a.example/path'"))
                .anySatisfy(p -> assertThat(p).contains("'app.example'"))
                .anySatisfy(p -> assertThat(p).startsWith("SERVE_PUBLIC_CORS_ALLOWED_METHODS").contains("FETCH"))
                .anySatisfy(p -> assertThat(p).startsWith("SERVE_PUBLIC_CORS_ALLOWED_HEADERS"))
                .anySatisfy(p -> assertThat(p).startsWith("SERVE_ADMIN_CORS_MAX_AGE"))
                .anySatisfy(p -> assertThat(p).startsWith("SERVE_ADMIN_CORS_ENABLED"));
    }

    @Test
    void whenRegistrationKeysAreNotSetThenRegistrationIsOffWithItsDefaultLimits() {
        ServerSettings.Registration registration = bind(valid(), TLS).registration();

        assertThat(registration.enabled()).isFalse();
        assertThat(registration.allowedGrantTypes())
                .containsExactly("authorization_code", "refresh_token", "client_credentials");
        assertThat(registration.allowedScope()).as("the words of default_scope")
                .containsExactly("offline_access", "offline", "openid");
        assertThat(registration.allowedRedirectUriSchemes()).containsExactly("https");
        assertThat(registration.allowedAuthMethods())
                .containsExactly("client_secret_basic", "client_secret_post", "private_key_jwt", "none");
        assertThat(registration.maxMetadataBytes()).isEqualTo(16384);
    }

    @Test
    void whenRegistrationLimitsAreMistypedThenEachIsNamed() {
        Map<String, Object> values = valid();
        values.put("oidc.dynamic_client_registration.enabled", "yes please");
        values.put("oidc.dynamic_client_registration.allowed_token_endpoint_auth_methods", "client_secret_jwt");
        values.put("oidc.dynamic_client_registration.allowed_redirect_uri_schemes", "https,://");
        values.put("oidc.dynamic_client_registration.max_metadata_bytes", "100");

        assertThat(problems(values, TLS)).anySatisfy(p -> assertThat(p)
                        .startsWith("OIDC_DYNAMIC_CLIENT_REGISTRATION_ENABLED must be true or false"))
                .anySatisfy(p -> assertThat(p)
                        .startsWith("OIDC_DYNAMIC_CLIENT_REGISTRATION_ALLOWED_TOKEN_ENDPOINT_AUTH_METHODS may only "
                                + "contain").endsWith("not client_secret_jwt"))
                .anySatisfy(p -> assertThat(p)
                        .startsWith("OIDC_DYNAMIC_CLIENT_REGISTRATION_ALLOWED_REDIRECT_URI_SCHEMES must list URI "
                                + "schemes").endsWith("not ://"))
                .anySatisfy(p -> assertThat(p)
                        .isEqualTo("OIDC_DYNAMIC_CLIENT_REGISTRATION_MAX_METADATA_BYTES must be at least 1024"));
    }
}
