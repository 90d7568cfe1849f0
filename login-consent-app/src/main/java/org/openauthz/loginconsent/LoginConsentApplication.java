package org.openauthz.loginconsent;

import com.codahale.metrics.health.HealthCheck;
import io.dropwizard.configuration.ConfigurationFactory;
import io.dropwizard.configuration.ConfigurationSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ServerCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.Managed;
import io.dropwizard.views.common.ViewBundle;
import io.dropwizard.views.mustache.MustacheViewRenderer;
import net.sourceforge.argparse4j.inf.Namespace;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.openauthz.admin.client.api.AdminApi;
import org.openauthz.loginconsent.admin.AdminClients;
import org.openauthz.loginconsent.admin.AdminGateway;
import org.openauthz.loginconsent.identity.IdentityProvider;
import org.openauthz.loginconsent.identity.IdentityProviderFactory;
import org.openauthz.loginconsent.identity.UsersFileException;
import org.openauthz.loginconsent.web.ConsentResource;
import org.openauthz.loginconsent.web.CsrfGuard;
import org.openauthz.loginconsent.web.DeviceResource;
import org.openauthz.loginconsent.web.ErrorPages;
import org.openauthz.loginconsent.web.HomeResource;
import org.openauthz.loginconsent.web.LoginResource;
import org.openauthz.loginconsent.web.PlainErrorHandler;
import org.openauthz.loginconsent.web.SecurityHeadersFilter;
import org.openauthz.loginconsent.web.StaticResource;

import java.security.SecureRandom;
import java.util.List;
import java.util.Map;

/**
 * The login and consent app: the pages the authorization server sends browsers to, talking to its admin API only
 * through the generated {@code admin-client}. Configured by environment variables ({@link AppSettings}).
 * {@link #run(LoginConsentConfiguration, Environment)} is the composition root.
 */
public class LoginConsentApplication extends Application<LoginConsentConfiguration> {
    /** Null when Dropwizard hands us the configuration itself (tests); else the one built from the environment. */
    private final LoginConsentConfiguration preset;
    private final IdentityProviderFactory identities;

    /** For Dropwizard's test support, which passes the configuration itself. */
    public LoginConsentApplication() {
        this(null, IdentityProviderFactory.DEFAULT);
    }

    public LoginConsentApplication(LoginConsentConfiguration preset, IdentityProviderFactory identities) {
        this.preset = preset;
        this.identities = identities;
    }

    /** {@code java -jar login-consent.jar}, as {@code bin/login-consent} runs it. */
    public static void main(String[] args) throws Exception {
        launch(System.getenv(), IdentityProviderFactory.DEFAULT);
    }

    /**
     * Starts the app from environment variables with the given user store; returns once it listens. Another
     * {@link IdentityProvider} is plugged in by calling this from your own {@code main}.
     */
    public static void launch(Map<String, String> env, IdentityProviderFactory identities) throws Exception {
        AppSettings settings;
        try {
            settings = AppSettings.fromEnvironment(env);
        } catch (AppSettings.ConfigurationProblem e) {
            System.err.println("login-consent: " + e.getMessage());
            System.exit(2);
            return;
        }
        new LoginConsentApplication(LoginConsentConfiguration.of(settings), identities).run("server");
    }

    @Override
    public String getName() {
        return "login-consent";
    }

    @Override
    public void initialize(Bootstrap<LoginConsentConfiguration> bootstrap) {
        bootstrap.addBundle(new ViewBundle<>(List.of(new MustacheViewRenderer())));
        if (preset != null) {
            bootstrap.setConfigurationFactoryFactory(
                    (klass, validator, mapper, prefix) -> new PresetConfiguration(preset));
        }
    }

    @Override
    protected void addDefaultCommands(Bootstrap<LoginConsentConfiguration> bootstrap) {
        bootstrap.addCommand(new QuietServerCommand(this));
    }

    @Override
    public void run(LoginConsentConfiguration configuration, Environment environment) {
        AppSettings settings = configuration.settings();
        IdentityProvider users = identities.create(settings);
        CloseableHttpClient http = AdminClients.httpClient();
        environment.lifecycle().manage(new Managed() {
            @Override
            public void stop() throws Exception {
                http.close();
            }
        });
        AdminGateway admin = new AdminGateway(new AdminApi(AdminClients.apiClient(settings, http)),
                environment.getObjectMapper());
        CsrfGuard csrf = new CsrfGuard(new SecureRandom());
        boolean demo = users.demoCredentials().isPresent();

        environment.jersey().register(new HomeResource(demo));
        environment.jersey().register(new LoginResource(admin, users, csrf));
        environment.jersey().register(new ConsentResource(admin, users, csrf));
        environment.jersey().register(new DeviceResource(admin, csrf));
        environment.jersey().register(new org.openauthz.loginconsent.web.LogoutResource(admin, users, csrf));
        environment.jersey().register(new StaticResource());
        environment.jersey().register(new SecurityHeadersFilter());
        environment.jersey().register(new ErrorPages());
        environment.getApplicationContext().setErrorHandler(new PlainErrorHandler());
        environment.lifecycle().addServerLifecycleListener(server -> server.setErrorHandler(new PlainErrorHandler()));

        environment.healthChecks().register("admin-api", new HealthCheck() {
            @Override
            protected Result check() {
                return admin.problem().map(Result::unhealthy).orElseGet(Result::healthy);
            }
        });
        environment.lifecycle().addServerLifecycleListener(server -> System.out.println("login-consent: listening on "
                + "http://0.0.0.0:" + applicationPort(server) + "/ (admin API " + settings.adminUrl() + ", "
                + (demo ? "demo user foo@bar.com" : "users from " + settings.usersFile().map(Object::toString)
                .orElse("a custom identity provider")) + ")"));
    }

    /** The port actually bound (PORT=0 picks a free one); Dropwizard names the connectors it builds. */
    private static int applicationPort(org.eclipse.jetty.server.Server server) {
        for (org.eclipse.jetty.server.Connector connector : server.getConnectors()) {
            if (connector instanceof org.eclipse.jetty.server.ServerConnector bound
                    && !"admin".equals(bound.getName())) {
                return bound.getLocalPort();
            }
        }
        return -1;
    }

    /*
     * PresetConfiguration and QuietServerCommand mirror the authorization server's two of the same names
     * (AuthzServerApplication) on purpose, but are not shared: this app depends on admin-client only (it must run
     * against any Hydra-compatible server), admin-client is the API client generated from admin-api.yaml and carries
     * no Dropwizard, and a module of its own for these few lines would cost more than the copy.
     */

    /** Hands Dropwizard the configuration built from the environment, ignoring any file. */
    private record PresetConfiguration(LoginConsentConfiguration configuration)
            implements ConfigurationFactory<LoginConsentConfiguration> {
        @Override
        public LoginConsentConfiguration build(ConfigurationSourceProvider provider, String path) {
            return configuration;
        }

        @Override
        public LoginConsentConfiguration build() {
            return configuration;
        }
    }

    /** Prints problems the operator can fix (users file, settings) as one line instead of a stack trace. */
    private static final class QuietServerCommand extends ServerCommand<LoginConsentConfiguration> {
        QuietServerCommand(Application<LoginConsentConfiguration> application) {
            super(application);
        }

        @Override
        public void onError(Cli cli, Namespace namespace, Throwable e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof UsersFileException || cause instanceof AppSettings.ConfigurationProblem) {
                    cli.getStdErr().println("login-consent: " + cause.getMessage());
                    return;
                }
            }
            super.onError(cli, namespace, e);
        }
    }
}
