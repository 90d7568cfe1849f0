package org.openauthz.authz.server;

import ch.qos.logback.access.common.spi.IAccessEvent;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.LayoutBase;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jetty.ConnectorFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.jetty.HttpsConnectorFactory;
import io.dropwizard.logging.common.ConsoleAppenderFactory;
import io.dropwizard.logging.common.DefaultLoggingFactory;
import io.dropwizard.logging.common.layout.DropwizardLayoutFactory;
import io.dropwizard.logging.json.AccessAttribute;
import io.dropwizard.logging.json.AccessJsonLayoutBaseFactory;
import io.dropwizard.logging.json.EventJsonLayoutBaseFactory;
import io.dropwizard.request.logging.LogbackAccessRequestLogFactory;
import io.dropwizard.request.logging.layout.LogbackAccessRequestLayoutFactory;
import io.dropwizard.util.DataSize;
import org.openauthz.authz.AuthzServerConfiguration;
import org.openauthz.authz.config.ServerSettings;
import org.openauthz.authz.tracing.TraceLogFields;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.function.BiFunction;

/**
 * Maps Hydra's settings onto Dropwizard's configuration objects: two connectors (public, admin) over HTTP or TLS,
 * our own exception mappers only, a request log that is off unless asked for, and the log level and format, with
 * secrets blanked out of every line unless {@code log.leak_sensitive_values} is set.
 */
public final class DropwizardSettings {
    private DropwizardSettings() {
    }

    public static AuthzServerConfiguration toConfiguration(ServerSettings settings) {
        AuthzServerConfiguration config = new AuthzServerConfiguration();
        config.setSettings(settings);
        DefaultServerFactory server = new JsonErrorsServerFactory();
        server.setRegisterDefaultExceptionMappers(false);
        // On SIGTERM Jetty stops accepting, then waits up to this long for requests in flight (idle keep-alive
        // connections are closed at once). The drain period before it is ShutdownDrain's.
        server.setShutdownGracePeriod(io.dropwizard.util.Duration.milliseconds(
                settings.serve().shutdown().gracePeriod().toMillis()));
        // Introspection is on the admin port and as hot as the token endpoint: Dropwizard's default of 64 admin
        // threads would queue it behind a full thread pool instead of reaching the overload limit's quick 503.
        server.setAdminMaxThreads(server.getMaxThreads());
        // Dropwizard renames the thread to the request's path for every request and back after it (two native calls
        // a request, ~1 % of a sign-in's CPU); no log line of ours names the thread, so the names bought nothing.
        server.setEnableThreadNameFilter(false);
        ServerSettings.Serve serve = settings.serve();
        server.setApplicationConnectors(serve.servesPublic() ? List.of(connector(serve.publicHost(),
                serve.publicPort(), serve.tls().publicPort(), serve.publicSocket())) : List.of());
        server.setAdminConnectors(serve.servesAdmin() ? List.of(connector(serve.adminHost(), serve.adminPort(),
                serve.tls().adminPort(), serve.adminSocket())) : List.of());
        server.setRequestLogFactory(requestLog(settings));
        config.setServerFactory(server);
        config.setLoggingFactory(logging(settings.log()));
        return config;
    }

    /**
     * The request log ({@code serve.request_log.enabled}): off, or one line per request, in JSON with
     * {@code log.format: json}. JSON lines carry the path without its query string, and the request's trace and
     * span ids when tracing is on (set by the tracing filter as request attributes).
     */
    private static LogbackAccessRequestLogFactory requestLog(ServerSettings settings) {
        LogbackAccessRequestLogFactory requestLog = new LogbackAccessRequestLogFactory();
        if (!settings.serve().requestLog()) {
            requestLog.setAppenders(List.of());
            return requestLog;
        }
        BiFunction<LoggerContext, TimeZone, LayoutBase<IAccessEvent>> layout;
        if (settings.log().format().startsWith("json")) {
            AccessJsonLayoutBaseFactory json = new AccessJsonLayoutBaseFactory();
            json.setIncludes(EnumSet.of(AccessAttribute.TIMESTAMP, AccessAttribute.METHOD,
                    AccessAttribute.REQUEST_URI, AccessAttribute.STATUS_CODE, AccessAttribute.PROTOCOL,
                    AccessAttribute.REMOTE_ADDRESS, AccessAttribute.REQUEST_TIME, AccessAttribute.CONTENT_LENGTH,
                    AccessAttribute.USER_AGENT, AccessAttribute.LOCAL_PORT));
            json.setRequestAttributes(Set.of(TraceLogFields.TRACE_ID, TraceLogFields.SPAN_ID));
            layout = json::build;
        } else {
            layout = new LogbackAccessRequestLayoutFactory()::build;
        }
        ConsoleAppenderFactory<IAccessEvent> console = new ConsoleAppenderFactory<>();
        // Request lines carry codes, verifiers and tokens in their query strings.
        console.setLayout(settings.log().leakSensitiveValues() ? layout::apply : new RedactingLayoutFactory<>(layout));
        requestLog.setAppenders(List.of(console));
        return requestLog;
    }

    /**
     * Installs {@link JsonErrorHandler} on the Jetty server itself, so that requests Jetty rejects before any
     * context (bad URI, oversized headers) are answered in JSON too.
     */
    static final class JsonErrorsServerFactory extends DefaultServerFactory {
        @Override
        protected org.eclipse.jetty.server.Server buildServer(io.dropwizard.lifecycle.setup.LifecycleEnvironment lifecycle,
                                                              org.eclipse.jetty.util.thread.ThreadPool threadPool) {
            org.eclipse.jetty.server.Server server = super.buildServer(lifecycle, threadPool);
            server.setErrorHandler(new JsonErrorHandler());
            return server;
        }
    }

    /**
     * A unix socket is always plain HTTP, as in Hydra v1.10; a port behind a TLS-terminating proxy is plain HTTP
     * too (TlsTerminationFilter decides who may use it); otherwise TLS unless it is off.
     */
    private static ConnectorFactory connector(String host, int port, ServerSettings.PortTls tls,
                                              ServerSettings.UnixSocket socket) {
        HttpConnectorFactory connector = socket != null ? new UnixSocketConnectorFactory(socket)
                : tls.servesTls() ? new HttpsConnectorFactory() : new HttpConnectorFactory();
        connector.setPort(port);
        connector.setBindHost(host == null || host.isEmpty() || socket != null ? null : host);
        // The peer address must be the proxy's own: X-Forwarded-For from a client must not replace it.
        connector.setUseForwardedHeaders(false);
        // Bounds what a client can make us buffer (RFC 9110 §15.5.14/§15.5.15 answers come from Jetty as JSON).
        connector.setMaxRequestHeaderSize(DataSize.kibibytes(16));
        return connector;
    }

    private static DefaultLoggingFactory logging(ServerSettings.Log log) {
        DefaultLoggingFactory logging = new DefaultLoggingFactory();
        logging.setLevel(level(log.level()));
        logging.setLoggers(Map.of(
                "org.eclipse.jetty", com.fasterxml.jackson.databind.node.TextNode.valueOf("WARN"),
                "liquibase", com.fasterxml.jackson.databind.node.TextNode.valueOf("WARN"),
                "org.glassfish.jersey.server.wadl", com.fasterxml.jackson.databind.node.TextNode.valueOf("ERROR")));
        ConsoleAppenderFactory<ILoggingEvent> console = new ConsoleAppenderFactory<>();
        boolean json = log.format().startsWith("json");
        if (!log.leakSensitiveValues()) {
            BiFunction<LoggerContext, TimeZone, LayoutBase<ILoggingEvent>> layout = json
                    ? new EventJsonLayoutBaseFactory()::build : new DropwizardLayoutFactory()::build;
            console.setLayout(new RedactingLayoutFactory<>(layout));
        } else if (json) {
            console.setLayout(new EventJsonLayoutBaseFactory());
        }
        logging.setAppenders(List.of(console));
        return logging;
    }

    static String level(String hydraLevel) {
        return switch (hydraLevel) {
            case "panic", "fatal", "error" -> Level.ERROR.toString();
            case "warn", "warning" -> Level.WARN.toString();
            case "debug" -> Level.DEBUG.toString();
            case "trace" -> Level.TRACE.toString();
            default -> Level.INFO.toString();
        };
    }
}
