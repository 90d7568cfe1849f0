package org.openauthz.authz.server;

import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Server;

/**
 * Turns off Jetty's per-connection cache of request header fields. Jetty caches some fields (the {@code Cookie}
 * header among them) by value and, when the cache is full, sweeps its whole table and starts again. A sign-in
 * carries different cookies on every request, so under sign-in load the cache was swept several times a flow
 * (about 2 % of the server's CPU in a profile); what it saves, one small object per header, is less than that.
 * Dropwizard cannot set it below 128 bytes, so it is set on the built connectors before they see traffic that matters.
 */
public final class HeaderFieldCache {
    private HeaderFieldCache() {
    }

    public static void disable(Server server) {
        for (Connector connector : server.getConnectors()) {
            for (ConnectionFactory factory : connector.getConnectionFactories()) {
                if (factory instanceof HttpConfiguration.ConnectionFactory http) {
                    http.getHttpConfiguration().setHeaderCacheSize(0);
                }
            }
        }
    }
}
