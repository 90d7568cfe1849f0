package org.openauthz.authz.docs;

import org.junit.jupiter.api.Test;
import org.openauthz.authz.config.SettingKey;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Keeps docs/configuration.md honest: every key the server reads is documented with its environment variable. */
class ConfigurationReferenceTest {
    @Test
    void whenAKeyExistsThenTheConfigurationReferenceDocumentsItAndItsEnvironmentVariable() throws IOException {
        String doc = Files.readString(Path.of("../docs/configuration.md"));
        for (SettingKey key : SettingKey.values()) {
            assertThat(doc).as(key.key()).contains("`" + key.key() + "`").contains("`" + key.envName() + "`");
        }
    }
}
