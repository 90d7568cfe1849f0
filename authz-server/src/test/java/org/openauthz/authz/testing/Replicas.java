package org.openauthz.authz.testing;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Several server replicas on one fresh, migrated PostgreSQL database, sharing one clock, as a load balancer would
 * see them; closed together, the last started first.
 */
public final class Replicas implements AutoCloseable {
    private final PostgresFixture.Database database;
    private final List<TestServer> servers = new ArrayList<>();

    private Replicas(PostgresFixture.Database database) {
        this.database = database;
    }

    public static Replicas start(int count, Map<String, Object> overrides, Clock clock) {
        Replicas replicas = new Replicas(PostgresFixture.newDatabase().migrated());
        for (int i = 0; i < count; i++) {
            replicas.servers.add(TestServer.onPostgres(replicas.database, overrides, clock));
        }
        return replicas;
    }

    public TestServer get(int index) {
        return servers.get(index);
    }

    public List<TestServer> all() {
        return List.copyOf(servers);
    }

    public PostgresFixture.Database database() {
        return database;
    }

    @Override
    public void close() {
        for (int i = servers.size() - 1; i >= 0; i--) {
            servers.get(i).close();
        }
    }
}
