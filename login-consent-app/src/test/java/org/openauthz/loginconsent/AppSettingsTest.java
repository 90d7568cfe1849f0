package org.openauthz.loginconsent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AppSettingsTest {
    private static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @Test
    void whenOnlyTheAdminUrlIsSetThenTheReferenceDefaultsApply() {
        AppSettings settings = AppSettings.fromEnvironment(env("HYDRA_ADMIN_URL", "http://127.0.0.1:9001/"));

        assertThat(settings.adminUrl()).hasToString("http://127.0.0.1:9001");
        assertThat(settings.port()).isEqualTo(3000);
        assertThat(settings.usersFile()).isEmpty();
        assertThat(settings.mockTlsTermination()).isFalse();
        assertThat(settings.logLevel()).isEqualTo("WARN");
    }

    @Test
    void whenAnAdminClientIsGivenThenTokensComeFromItWithTheAdminScopeByDefault() {
        AppSettings settings = AppSettings.fromEnvironment(env("HYDRA_ADMIN_URL", "http://127.0.0.1:9001",
                "HYDRA_ADMIN_CLIENT_ID", "login-app", "HYDRA_ADMIN_CLIENT_SECRET", "s3cret",
                "HYDRA_TOKEN_URL", "http://127.0.0.1:9000/oauth2/token"));

        assertThat(settings.adminAuth()).hasValueSatisfying(auth -> {
            assertThat(auth.clientId()).isEqualTo("login-app");
            assertThat(auth.tokenUrl()).hasToString("http://127.0.0.1:9000/oauth2/token");
            assertThat(auth.scope()).isEqualTo("admin");
            assertThat(auth.fixedToken()).isNull();
        });
        assertThat(AppSettings.fromEnvironment(env("HYDRA_ADMIN_URL", "http://127.0.0.1:9001")).adminAuth())
                .isEmpty();
        assertThat(AppSettings.fromEnvironment(env("HYDRA_ADMIN_URL", "http://127.0.0.1:9001",
                "HYDRA_ADMIN_TOKEN", "fixed")).adminAuth()).hasValueSatisfying(auth ->
                assertThat(auth.fixedToken()).isEqualTo("fixed"));
    }

    @Test
    void whenAnAdminClientIdComesWithoutSecretOrTokenUrlThenTheMessageSaysWhatToSet() {
        assertThatThrownBy(() -> AppSettings.fromEnvironment(env("HYDRA_ADMIN_URL", "http://127.0.0.1:9001",
                "HYDRA_ADMIN_CLIENT_ID", "login-app")))
                .isInstanceOf(AppSettings.ConfigurationProblem.class)
                .hasMessageContaining("HYDRA_ADMIN_CLIENT_SECRET").hasMessageContaining("HYDRA_TOKEN_URL");
    }

    @Test
    void whenTheAdminUrlIsMissingThenTheMessageSaysWhatToSet() {
        assertThatThrownBy(() -> AppSettings.fromEnvironment(env("PORT", "9020")))
                .isInstanceOf(AppSettings.ConfigurationProblem.class)
                .hasMessageContaining("HYDRA_ADMIN_URL is not set")
                .hasMessageContaining("http://127.0.0.1:9001");
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1:9001", "ftp://host/", "http://", "http://h/?a=b", "not a url"})
    void whenTheAdminUrlIsNotAnHttpUrlThenStartupIsRefused(String url) {
        assertThatThrownBy(() -> AppSettings.fromEnvironment(env("HYDRA_ADMIN_URL", url)))
                .isInstanceOf(AppSettings.ConfigurationProblem.class).hasMessageContaining("HYDRA_ADMIN_URL");
    }

    @Test
    void whenEverythingIsSetThenItIsRead() {
        AppSettings settings = AppSettings.fromEnvironment(env("HYDRA_ADMIN_URL", "https://admin.example/base",
                "PORT", "9020", "USERS_FILE", "/etc/users.yaml", "MOCK_TLS_TERMINATION", "true",
                "LOG_LEVEL", "debug"));

        assertThat(settings.adminUrl()).hasToString("https://admin.example/base");
        assertThat(settings.port()).isEqualTo(9020);
        assertThat(settings.usersFile()).contains(Path.of("/etc/users.yaml"));
        assertThat(settings.mockTlsTermination()).isTrue();
        assertThat(settings.logLevel()).isEqualTo("DEBUG");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0", "false", "FALSE", "no", "off"})
    void whenMockTlsTerminationIsFalsyThenItIsOff(String value) {
        assertThat(AppSettings.fromEnvironment(env("HYDRA_ADMIN_URL", "http://h", "MOCK_TLS_TERMINATION", value))
                .mockTlsTermination()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "-1", "65536"})
    void whenThePortIsNotAPortThenStartupIsRefused(String port) {
        assertThatThrownBy(() -> AppSettings.fromEnvironment(env("HYDRA_ADMIN_URL", "http://h", "PORT", port)))
                .isInstanceOf(AppSettings.ConfigurationProblem.class).hasMessageContaining("PORT");
    }

    @Test
    void whenTheLogLevelIsUnknownThenStartupIsRefused() {
        assertThatThrownBy(() -> AppSettings.fromEnvironment(env("HYDRA_ADMIN_URL", "http://h", "LOG_LEVEL", "loud")))
                .isInstanceOf(AppSettings.ConfigurationProblem.class).hasMessageContaining("LOG_LEVEL");
    }
}
