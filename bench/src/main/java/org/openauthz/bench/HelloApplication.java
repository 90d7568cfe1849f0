package org.openauthz.bench;

import io.dropwizard.core.Application;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.request.logging.LogbackAccessRequestLogFactory;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;

import java.util.List;
import java.util.Map;

/**
 * The baseline every endpoint lives under: a Dropwizard 5 hello-world resource with the same server settings as
 * ours (no request log), measured in the same run as the server (docs/performance.md).
 */
public final class HelloApplication extends Application<Configuration> {
    private final Configuration configuration;

    private HelloApplication(Configuration configuration) {
        this.configuration = configuration;
    }

    public static void start(int port) throws Exception {
        Configuration config = new Configuration();
        DefaultServerFactory server = new DefaultServerFactory();
        HttpConnectorFactory connector = new HttpConnectorFactory();
        connector.setPort(port);
        connector.setBindHost("127.0.0.1");
        server.setApplicationConnectors(List.of(connector));
        HttpConnectorFactory admin = new HttpConnectorFactory();
        admin.setPort(0);
        admin.setBindHost("127.0.0.1");
        server.setAdminConnectors(List.of(admin));
        LogbackAccessRequestLogFactory requestLog = new LogbackAccessRequestLogFactory();
        requestLog.setAppenders(List.of());
        server.setRequestLogFactory(requestLog);
        config.setServerFactory(server);
        new HelloApplication(config).run("server");
    }

    @Override
    public void initialize(Bootstrap<Configuration> bootstrap) {
        bootstrap.setConfigurationFactoryFactory((klass, validator, mapper, prefix) ->
                new io.dropwizard.configuration.ConfigurationFactory<>() {
                    @Override
                    public Configuration build(io.dropwizard.configuration.ConfigurationSourceProvider provider,
                                               String path) {
                        return configuration;
                    }

                    @Override
                    public Configuration build() {
                        return configuration;
                    }
                });
    }

    @Override
    public void run(Configuration configuration, Environment environment) {
        environment.jersey().register(new Hello());
    }

    /** GET or POST (form) /hello: a small JSON answer, like a token response's size class. */
    @Path("/hello")
    @Produces(MediaType.APPLICATION_JSON)
    public static final class Hello {
        @GET
        public Map<String, String> get() {
            return Map.of("hello", "world");
        }

        @POST
        @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
        public Map<String, String> post(MultivaluedMap<String, String> form) {
            return Map.of("hello", "world");
        }
    }
}
