package org.openauthz.authz;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dropwizard.core.Application;
import io.dropwizard.core.cli.ServerCommand;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jersey.DropwizardResourceConfig;
import io.dropwizard.jersey.jackson.JacksonFeature;
import io.dropwizard.jersey.setup.JerseyEnvironment;
import io.dropwizard.jetty.setup.ServletEnvironment;
import jakarta.servlet.DispatcherType;
import net.sourceforge.argparse4j.inf.Namespace;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.servlet.ServletContainer;
import org.jdbi.v3.core.statement.SqlLogger;
import org.openauthz.authz.api.admin.AdminAuthFilter;
import org.openauthz.authz.api.admin.ClientsResource;
import org.openauthz.authz.api.cors.CorsFilter;
import org.openauthz.authz.api.ratelimit.RateLimiting;
import org.openauthz.authz.api.cors.RequestingClientOrigins;
import org.openauthz.authz.api.admin.InitialAccessTokensResource;
import org.openauthz.authz.api.admin.DeviceRequestsResource;
import org.openauthz.authz.api.BodyDrainFilter;
import org.openauthz.authz.api.FormEndpoint;
import org.openauthz.authz.api.JsonErrorWriter;
import org.openauthz.authz.api.OverloadFilter;
import org.openauthz.authz.api.TlsTerminationFilter;
import org.openauthz.authz.api.admin.IntrospectionFilter;
import org.openauthz.authz.api.admin.KeysResource;
import org.openauthz.authz.api.admin.LoginConsentFilter;
import org.openauthz.authz.api.admin.LogoutRequestsResource;
import org.openauthz.authz.api.admin.SessionsResource;
import org.openauthz.authz.api.admin.MetricsResource;
import org.openauthz.authz.api.admin.TokensAdminResource;
import org.openauthz.authz.api.admin.VersionResource;
import org.openauthz.authz.api.errors.CatchAllExceptionMapper;
import org.openauthz.authz.api.metrics.EndpointTemplates;
import org.openauthz.authz.api.metrics.HydraRoutes;
import org.openauthz.authz.api.metrics.ResponseTimeFilter;
import org.openauthz.authz.api.metrics.ResponseTimeHistogram;
import org.openauthz.authz.api.errors.ErrorRenderer;
import org.openauthz.authz.api.errors.JsonProcessingExceptionMapper;
import org.openauthz.authz.api.errors.OAuth2ExceptionMapper;
import org.openauthz.authz.api.errors.WebApplicationExceptionMapper;
import org.openauthz.authz.api.publicapi.AuthorizeServlet;
import org.openauthz.authz.api.publicapi.ClientRegistrationResource;
import org.openauthz.authz.api.publicapi.DeviceAuthorizationResource;
import org.openauthz.authz.api.publicapi.DeviceVerifyResource;
import org.openauthz.authz.api.publicapi.DiscoveryResource;
import org.openauthz.authz.api.publicapi.EndSessionResource;
import org.openauthz.authz.api.publicapi.FallbackPagesResource;
import org.openauthz.authz.api.publicapi.FlowCookieWriter;
import org.openauthz.authz.api.publicapi.UserinfoResource;
import org.openauthz.authz.api.publicapi.JwksResource;
import org.openauthz.authz.api.publicapi.PushedAuthorizationRequestResource;
import org.openauthz.authz.api.publicapi.RevocationResource;
import org.openauthz.authz.api.publicapi.TokenServlet;
import org.openauthz.authz.api.shared.HealthResource;
import org.openauthz.authz.config.ServerSettings;
import org.openauthz.authz.health.ReadinessCheck;
import org.openauthz.authz.server.AdminPathAlias;
import org.openauthz.authz.server.HeaderFieldCache;
import org.openauthz.authz.server.JsonServletErrorHandler;
import org.openauthz.authz.server.DrainFilter;
import org.openauthz.authz.server.PeriodicTask;
import org.openauthz.authz.server.ShutdownDrain;
import org.openauthz.authz.server.StartupException;
import org.openauthz.authz.persistence.Stores;
import org.openauthz.authz.persistence.jdbi.PostgresStores;
import org.openauthz.authz.persistence.memory.InMemoryStores;
import org.openauthz.authz.storage.WriteBatchObserver;
import org.openauthz.authz.tls.TlsSetup;
import org.openauthz.authz.tracing.OpenTelemetryTracing;
import org.openauthz.authz.health.DropwizardHealthChecks;
import org.openauthz.authz.health.SigningKeyCheck;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * The authorization server: public API on the application connector, admin API on the admin connector, each its
 * own Jersey application with its own exception mappers.
 */
public class AuthzServerApplication extends Application<AuthzServerConfiguration> {
    /** How often each replica looks whether a signing key is due to be pre-published or retired (decision 0021). */
    static final java.time.Duration KEY_ROTATION_CHECK_PERIOD = java.time.Duration.ofMinutes(1);

    private final AuthzServerConfiguration preset;
    private final Clock clock;
    private volatile ServerContext context;

    /** For Dropwizard's test support, which passes the configuration itself. */
    public AuthzServerApplication() {
        this(null);
    }

    /** For {@code hydra serve}: the configuration comes from Hydra's settings, not from a Dropwizard YAML file. */
    public AuthzServerApplication(AuthzServerConfiguration preset) {
        this(preset, Clock.systemUTC());
    }

    /** For tests that move time themselves (expiry, key rotation over days). */
    public AuthzServerApplication(AuthzServerConfiguration preset, Clock clock) {
        this.preset = preset;
        this.clock = clock;
    }

    /** The composition root built by {@link #run}; null before the server runs. */
    public ServerContext context() {
        return context;
    }

    @Override
    public String getName() {
        return "hydra";
    }

    @Override
    public void initialize(Bootstrap<AuthzServerConfiguration> bootstrap) {
        bootstrap.getObjectMapper().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        bootstrap.getObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
        bootstrap.getObjectMapper().disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
        // Dropwizard ignores unknown JSON fields; request bodies here refuse them unless their type opts out
        // (as Hydra v1.10 does for login and consent bodies), so a misspelt field is an error, not silently dropped.
        bootstrap.getObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        if (preset != null) {
            bootstrap.setConfigurationFactoryFactory((klass, validator, mapper, prefix) -> new PresetConfiguration(preset));
        }
    }

    @Override
    protected void addDefaultCommands(Bootstrap<AuthzServerConfiguration> bootstrap) {
        bootstrap.addCommand(new QuietServerCommand(this));
    }

    @Override
    public void run(AuthzServerConfiguration configuration, Environment environment) {
        ServerSettings settings = configuration.settings();
        // Managed first, so stopped last: the spans of the final group-commit batches are still sent.
        OpenTelemetryTracing tracing = settings.tracing().enabled()
                ? OpenTelemetryTracing.start(settings.tracing(), BuildInfo.version()) : null;
        if (tracing != null) {
            environment.lifecycle().manage(tracing);
        }
        Stores storage = settings.database().memory() ? InMemoryStores.open()
                : PostgresStores.open(settings.database(), environment.getObjectMapper(), environment.metrics(),
                        tracing == null ? SqlLogger.NOP_SQL_LOGGER : tracing.statements(),
                        tracing == null ? WriteBatchObserver.NONE : tracing.batches());
        storage.lifecycle().forEach(environment.lifecycle()::manage);
        ServerContext context = new ServerContext(settings, storage, environment.getObjectMapper(), clock);
        this.context = context;
        if (context.keyRotation().schedule().enabled()) {
            environment.lifecycle().manage(new PeriodicTask("key-rotation", KEY_ROTATION_CHECK_PERIOD,
                    context.keyRotation()::runDue));
        }
        ShutdownDrain drain = new ShutdownDrain(settings.serve().shutdown().drainPeriod());
        environment.lifecycle().addServerLifecycleListener(server -> server.addEventListener(drain));
        environment.lifecycle().addServerLifecycleListener(HeaderFieldCache::disable);
        List<ReadinessCheck> readiness = new ArrayList<>(storage.readiness());
        readiness.add(drain);
        DropwizardHealthChecks.register(environment.healthChecks(), storage.readiness());
        DropwizardHealthChecks.register(environment.healthChecks(), List.of(new SigningKeyCheck(context.keys(), context.signingSets())));
        EndpointTemplates publicRoutes = new EndpointTemplates(HydraRoutes.PUBLIC);
        EndpointTemplates adminRoutes = new EndpointTemplates(HydraRoutes.ADMIN);
        if (tracing != null) {
            registerTracing(environment, tracing, publicRoutes, adminRoutes);
        }
        ResponseTimeHistogram responseTimes = registerResponseTimes(environment, publicRoutes, adminRoutes);
        // Filters run in the order they are registered here (every mapping is added "after" the ones before it;
        // Jetty runs mappings added "before" in reverse order, which once let the admin port's introspection filter
        // answer ahead of the TLS-termination check and the overload limit). On both ports: tracing (when on),
        // response timing, drain, the unread-body drain, TLS termination, rate limits, overload limit, CORS, then
        // the endpoints.
        environment.servlets().addFilter("drain", new DrainFilter(drain))
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
        environment.admin().addFilter("drain", new DrainFilter(drain))
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
        // A body the endpoint left unread is read once it has answered, so the keep-alive connection stays usable.
        environment.servlets().addFilter("unread-body", new BodyDrainFilter())
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
        environment.admin().addFilter("unread-body", new BodyDrainFilter())
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
        registerTlsTermination(environment, context);
        registerRateLimits(environment, context);
        registerOverloadLimits(environment, context);
        registerPublicCors(environment, context);
        FlowCookieWriter flowCookies = new FlowCookieWriter(context.settings().serve().sameSiteMode(),
                context.settings().serve().sameSiteLegacyCopies());
        registerPublic(environment.jersey(), context, readiness, flowCookies);
        // The authorization and token endpoints are servlets (decision 0005): an exact mapping wins over Jersey's "/*".
        environment.servlets().addServlet("authorization-endpoint", new AuthorizeServlet(new AuthorizeServlet.Parts(
                context.authorizeValidator(), context.consentStrategy(), context.responseTypeIssuer(),
                context.responseModeDelivery(), context.settings().urls().publicUrl("oauth2/auth"), flowCookies,
                context.exceptions(), context.pushedRequests(), context.requestObjects(),
                new JsonErrorWriter(context.errors(), environment.getObjectMapper()))))
                .addMapping("/oauth2/auth");
        environment.servlets().addServlet("token-endpoint", new TokenServlet(new FormEndpoint(
                context.tokenEndpoint()::handle, context.errors(), context.exceptions(),
                environment.getObjectMapper())))
                .addMapping("/oauth2/token");
        registerAdmin(environment, context, readiness, responseTimes);
        TlsSetup.configure((DefaultServerFactory) configuration.getServerFactory(), settings, context.keys());
        JsonServletErrorHandler errorHandler = new JsonServletErrorHandler();
        environment.getApplicationContext().setErrorHandler(errorHandler);
        environment.getAdminContext().setErrorHandler(errorHandler);
    }

    /**
     * On a port behind a TLS-terminating proxy, only the allowed proxies' HTTPS requests get through
     * (TlsTerminationFilter). A unix socket has no peer address to check: its file mode decides who connects.
     */
    private static void registerTlsTermination(Environment environment, ServerContext context) {
        ServerSettings.Serve serve = context.settings().serve();
        if (serve.tls().publicPort().terminatedByProxy() && serve.publicSocket() == null) {
            environment.servlets().addFilter("tls-termination", tlsTermination("public", serve.tls().publicPort(),
                    environment, context)).addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
        }
        if (serve.tls().adminPort().terminatedByProxy() && serve.adminSocket() == null) {
            environment.admin().addFilter("tls-termination", tlsTermination("admin", serve.tls().adminPort(),
                    environment, context)).addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
        }
    }

    private static TlsTerminationFilter tlsTermination(String port, ServerSettings.PortTls tls,
                                                       Environment environment, ServerContext context) {
        return new TlsTerminationFilter(port, tls.terminationFrom(), context.errors(), environment.getObjectMapper());
    }

    /**
     * CORS on the public port when enabled (decision 0011), behind the overload limit: its client check may read the
     * database (a client not in the cache, a bearer token), which must count against the limit like the endpoint's
     * own work.
     */
    private static void registerPublicCors(Environment environment, ServerContext context) {
        ServerSettings.Serve serve = context.settings().serve();
        if (serve.publicCors().enabled()) {
            environment.servlets().addFilter("cors", CorsFilter.publicPort(serve.publicCors(),
                            new RequestingClientOrigins(context.storage().clients()::find, context.tokenLookup())))
                    .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
        }
    }

    /**
     * Rate limits per endpoint (decision 0022), ahead of the overload limit so that a refused request never holds a
     * slot. One line per endpoint: its name (the {@code rate_limits.<name>.*} keys), whether Jersey answers it, and
     * its paths.
     */
    private static void registerRateLimits(Environment environment, ServerContext context) {
        RateLimiting limits = new RateLimiting(context.settings().rateLimits(), context.errors(),
                environment.getObjectMapper(), System::nanoTime);
        rateLimit(environment.servlets(), limits, "token", false, "/oauth2/token");
        rateLimit(environment.servlets(), limits, "revocation", true, "/oauth2/revoke");
        rateLimit(environment.servlets(), limits, "par", true, "/oauth2/par");
        rateLimit(environment.servlets(), limits, "device_authorization", true, "/oauth2/device/auth");
        rateLimit(environment.admin(), limits, "introspection", false, IntrospectionFilter.PATHS);
    }

    private static void rateLimit(ServletEnvironment port, RateLimiting limits, String endpoint,
                                  boolean jerseyEndpoint, String... paths) {
        limits.filter(endpoint, jerseyEndpoint).ifPresent(filter -> port.addFilter("rate-limit-" + endpoint, filter)
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, paths));
    }

    /** One admission limit per port (OverloadFilter), ahead of every other filter and servlet. */
    private static void registerOverloadLimits(Environment environment, ServerContext context) {
        ServerSettings.Overload overload = context.settings().serve().overload();
        if (overload.maxConcurrentRequests() == 0) {
            return;
        }
        environment.servlets().addFilter("overload", new OverloadFilter(overload.maxConcurrentRequests(),
                        overload.maxWait(), path -> true, context.errors(), environment.getObjectMapper()))
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
        List<String> introspection = List.of(IntrospectionFilter.PATHS);
        environment.admin().addFilter("overload", new OverloadFilter(overload.maxConcurrentRequests(),
                        overload.maxWait(), introspection::contains, context.errors(), environment.getObjectMapper()))
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
    }

    private static void registerPublic(JerseyEnvironment jersey, ServerContext context,
                                       List<ReadinessCheck> readiness, FlowCookieWriter flowCookies) {
        registerErrorMappers(jersey.getResourceConfig(), context, false);
        jersey.register(new PushedAuthorizationRequestResource(context.clientAuthenticator(),
                context.pushedRequests()));
        jersey.register(new EndSessionResource(context.endSession(), context.responseModeDelivery(),
                context.settings().urls().publicUrl(ServerContext.END_SESSION_PATH),
                flowCookies, context.exceptions()));
        jersey.register(new UserinfoResource(context.userinfo(), context.errors()));
        jersey.register(new FallbackPagesResource());
        jersey.register(new RevocationResource(context.clientAuthenticator(), context.revoker()));
        jersey.register(new DeviceAuthorizationResource(context.deviceAuthorization()));
        jersey.register(new DeviceVerifyResource(context.deviceChallenges(), context.deviceConsent(),
                context.consentStrategy(), context.responseModeDelivery(),
                context.settings().urls().publicUrl(ServerContext.DEVICE_VERIFY_PATH),
                context.settings().deviceGrant().verification(), context.settings().deviceGrant().success(),
                flowCookies));
        jersey.register(new DiscoveryResource(context.discovery()));
        jersey.register(new ClientRegistrationResource(context.clientRegistration(), context.json(),
                context.settings().urls().publicUrl("oauth2/register")));
        jersey.register(new JwksResource(context.keys(), context.broadcastSets()));
        jersey.register(new HealthResource(readiness, true));
    }

    /**
     * A span per request on both ports (tracing.provider otlp), outermost of all filters so that everything the
     * request does, refusals included, is inside it. Not registered at all with tracing off.
     */
    private static void registerTracing(Environment environment, OpenTelemetryTracing tracing,
                                        EndpointTemplates publicRoutes, EndpointTemplates adminRoutes) {
        environment.servlets().addFilter("tracing", tracing.httpFilter(publicRoutes))
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
        environment.admin().addFilter("tracing", tracing.httpFilter(adminRoutes))
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
    }

    /**
     * Hydra's {@code hydra_response_time_seconds} on both ports, ahead of every other filter so that refused and
     * failed requests are timed too; scraped at the admin port's {@code /metrics/prometheus}.
     */
    private static ResponseTimeHistogram registerResponseTimes(Environment environment,
                                                               EndpointTemplates publicRoutes,
                                                               EndpointTemplates adminRoutes) {
        List<String> labels = new ArrayList<>(publicRoutes.labels());
        labels.addAll(adminRoutes.labels());
        ResponseTimeHistogram histogram = new ResponseTimeHistogram(BuildInfo.version(), labels);
        environment.servlets().addFilter("response-time", new ResponseTimeFilter(publicRoutes, histogram))
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
        environment.admin().addFilter("response-time", new ResponseTimeFilter(adminRoutes, histogram))
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
        return histogram;
    }

    private static void registerAdmin(Environment environment, ServerContext context,
                                      List<ReadinessCheck> readiness, ResponseTimeHistogram responseTimes) {
        DropwizardResourceConfig admin = new DropwizardResourceConfig(environment.metrics());
        admin.register(new JacksonFeature(environment.getObjectMapper()));
        registerErrorMappers(admin, context, true);
        admin.register(new AdminPathAlias());
        admin.register(new ClientsResource(context.clients()));
        admin.register(new InitialAccessTokensResource(context.initialAccessTokens(), context.json()));
        admin.register(new KeysResource(context.keys(), context.keyRotation()));
        admin.register(new TokensAdminResource(context.janitor()));
        admin.register(new LogoutRequestsResource(context.logoutAdmin()));
        admin.register(new DeviceRequestsResource(context.deviceUserCodeCheck(),
                context.settings().urls().publicUrl(ServerContext.DEVICE_VERIFY_PATH)));
        admin.register(new SessionsResource(context.loginConsentAdmin()));
        admin.register(new HealthResource(readiness, false));
        admin.register(new VersionResource());
        admin.register(new MetricsResource(environment.metrics(), responseTimes));
        // CORS on every admin path (decision 0011), ahead of the introspection filter, which answers without
        // calling the rest of the chain.
        if (context.settings().serve().adminCors().enabled()) {
            environment.admin().addFilter("cors", CorsFilter.adminPort(context.settings().serve().adminCors()))
                    .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
        }
        // Bearer-token authentication when enabled (decision 0022), behind CORS (preflights carry no token) and
        // ahead of every endpoint, introspection included.
        if (context.settings().adminAuth().enabled()) {
            environment.admin().addFilter("admin-auth", new AdminAuthFilter(context.introspector(),
                            context.settings().adminAuth(), context.errors(), context.exceptions(),
                            environment.getObjectMapper()))
                    .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
        }
        // Introspection and the login and consent requests answer before Jersey (decision 0005): Jersey's mapping
        // below is added after them.
        environment.admin().addFilter("introspection", IntrospectionFilter.of(context.introspector(), context.errors(),
                        context.exceptions(), environment.getObjectMapper()))
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, IntrospectionFilter.PATHS);
        environment.admin().addFilter("login-consent", new LoginConsentFilter(context.loginConsentAdmin(),
                        environment.getObjectMapper(), new JsonErrorWriter(context.errors(), environment.getObjectMapper()),
                        context.exceptions()))
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, LoginConsentFilter.PATHS);
        // Dropwizard's AdminServlet owns "/*" on the admin context, so Jersey runs as a filter in front of it and
        // answers every path itself (environment.md, "Port 9001 in Dropwizard").
        environment.admin().addFilter("admin-api", new ServletContainer(admin))
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
    }

    private static void registerErrorMappers(ResourceConfig config, ServerContext context, boolean managementApi) {
        ErrorRenderer errors = context.errors();
        config.register(new OAuth2ExceptionMapper(errors));
        config.register(new WebApplicationExceptionMapper(errors));
        config.register(new JsonProcessingExceptionMapper(errors));
        config.register(new CatchAllExceptionMapper(errors, context.exceptions(), managementApi));
    }

    /** Hands Dropwizard a configuration built in code, ignoring any path. */
    private record PresetConfiguration(AuthzServerConfiguration configuration)
            implements io.dropwizard.configuration.ConfigurationFactory<AuthzServerConfiguration> {
        @Override
        public AuthzServerConfiguration build(io.dropwizard.configuration.ConfigurationSourceProvider provider,
                                              String path) {
            return configuration;
        }

        @Override
        public AuthzServerConfiguration build() {
            return configuration;
        }
    }

    /** Prints startup problems the operator can fix as one line instead of a stack trace. */
    private static final class QuietServerCommand extends ServerCommand<AuthzServerConfiguration> {
        QuietServerCommand(Application<AuthzServerConfiguration> application) {
            super(application);
        }

        @Override
        public void onError(io.dropwizard.core.cli.Cli cli, Namespace namespace, Throwable e) {
            Throwable cause = e;
            while (cause != null && !(cause instanceof StartupException)) {
                cause = cause.getCause();
            }
            if (cause != null) {
                cli.getStdErr().println("hydra: " + cause.getMessage());
            } else {
                super.onError(cli, namespace, e);
            }
        }
    }
}
