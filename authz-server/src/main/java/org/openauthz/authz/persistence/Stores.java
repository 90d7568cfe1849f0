package org.openauthz.authz.persistence;

import io.dropwizard.lifecycle.Managed;
import org.openauthz.authz.client.ClientStore;
import org.openauthz.authz.client.InitialAccessTokenStore;
import org.openauthz.authz.consent.FlowStore;
import org.openauthz.authz.consent.LoginSessionStore;
import org.openauthz.authz.consent.LogoutRequestStore;
import org.openauthz.authz.health.ReadinessCheck;
import org.openauthz.authz.jwk.KeyStore;
import org.openauthz.authz.oauth2.JtiStore;
import org.openauthz.authz.oauth2.par.PushedRequestStore;
import org.openauthz.authz.oauth2.device.DeviceStore;
import org.openauthz.authz.oauth2.token.TokenStore;
import org.openauthz.authz.storage.ChangeFeed;

import java.util.List;

/**
 * The stores behind one server: in memory for {@code DSN=memory} ({@code InMemoryStores}), else PostgreSQL through
 * JDBI ({@code PostgresStores}).
 *
 * @param readiness what {@code /health/ready} checks for these stores (the database answering)
 * @param changes   changes committed by any replica, for the caches to subscribe to (decision 0008)
 * @param lifecycle what must be started with the server and stopped after it, in start order (the pool, the
 *                  group-commit writers, the change listener); stopped in reverse order
 * @param devices   device authorization requests (RFC 8628)
 */
public record Stores(ClientStore clients, TokenStore tokens, KeyStore keys, FlowStore flows,
                     LoginSessionStore loginSessions, LogoutRequestStore logoutRequests, JtiStore jtis, List<ReadinessCheck> readiness,
                     ChangeFeed changes, List<Managed> lifecycle,
                     PushedRequestStore pushedRequests, InitialAccessTokenStore initialAccessTokens,
                     DeviceStore devices) {
}
