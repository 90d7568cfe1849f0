package org.openauthz.loginconsent;

import com.fasterxml.jackson.databind.node.TextNode;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.logging.common.ConsoleAppenderFactory;
import io.dropwizard.logging.common.DefaultLoggingFactory;
import io.dropwizard.request.logging.LogbackAccessRequestLogFactory;
import io.dropwizard.util.DataSize;

import java.util.List;
import java.util.Map;

/**
 * Dropwizard's configuration, built in code from {@link AppSettings} rather than read from a YAML file: the app is
 * configured by environment variables only, like Hydra's example login and consent app
 * (<a href="https://github.com/ory/hydra-login-consent-node">ory/hydra-login-consent-node</a>).
 */
public class LoginConsentConfiguration extends Configuration {
    private AppSettings settings;

    public AppSettings settings() {
        return settings;
    }

    public static LoginConsentConfiguration of(AppSettings settings) {
        LoginConsentConfiguration config = new LoginConsentConfiguration();
        config.settings = settings;
        DefaultServerFactory server = new DefaultServerFactory();
        // Our ErrorPages mapper renders every error; Dropwizard's defaults would answer JSON.
        server.setRegisterDefaultExceptionMappers(false);
        server.setApplicationConnectors(List.of(connector("0.0.0.0", settings.port())));
        // Dropwizard's admin servlet (metrics, health) stays on an ephemeral loopback port: nobody outside needs it.
        server.setAdminConnectors(List.of(connector("127.0.0.1", 0)));
        LogbackAccessRequestLogFactory requestLog = new LogbackAccessRequestLogFactory();
        requestLog.setAppenders(List.of());
        server.setRequestLogFactory(requestLog);
        config.setServerFactory(server);
        config.setLoggingFactory(logging(settings.logLevel()));
        return config;
    }

    private static HttpConnectorFactory connector(String host, int port) {
        HttpConnectorFactory connector = new HttpConnectorFactory();
        connector.setBindHost(host);
        connector.setPort(port);
        connector.setMaxRequestHeaderSize(DataSize.kibibytes(16));
        return connector;
    }

    private static DefaultLoggingFactory logging(String level) {
        DefaultLoggingFactory logging = new DefaultLoggingFactory();
        logging.setLevel(level);
        logging.setLoggers(Map.of(
                "org.eclipse.jetty", TextNode.valueOf("WARN"),
                "org.glassfish.jersey.server.wadl", TextNode.valueOf("ERROR")));
        logging.setAppenders(List.of(new ConsoleAppenderFactory<>()));
        return logging;
    }
}
