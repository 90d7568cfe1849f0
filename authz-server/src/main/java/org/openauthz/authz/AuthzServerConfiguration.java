package org.openauthz.authz;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.dropwizard.core.Configuration;
import org.openauthz.authz.config.ServerSettings;

/**
 * The Dropwizard configuration. It is never read from Dropwizard YAML: {@link server.DropwizardSettings} builds it
 * from Hydra's configuration keys ({@link ServerSettings}), which it carries for the application.
 */
public class AuthzServerConfiguration extends Configuration {
    @JsonIgnore
    private ServerSettings settings;

    public ServerSettings settings() {
        return settings;
    }

    public void setSettings(ServerSettings settings) {
        this.settings = settings;
    }
}
