package org.openauthz.authz.persistence.jdbi;

import org.openauthz.authz.storage.ChangeFeed;
import org.openauthz.authz.storage.ChangeListener;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.openauthz.authz.storage.RootCause;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Receives the {@link ChangeNotice}s of every replica and hands them to this process's caches (decision 0008).
 *
 * <p>One daemon thread holds one database session of its own, outside the connection pool: {@code LISTEN} belongs
 * to a session, and a pooled connection goes back to the pool after each use
 * (https://www.postgresql.org/docs/current/sql-listen.html). It waits for notifications with
 * {@link PGConnection#getNotifications(int)}, which reads the socket without a round trip, and checks the session
 * with a short query when nothing has arrived for {@link #HEARTBEAT}, so a connection that died silently is noticed.
 *
 * <p>When the session is lost (a database restart, a network failure) it reconnects with a bounded backoff. Notices
 * sent while no session was listening are lost for good, so after every {@code LISTEN}, the first one included,
 * every listener is told {@link ChangeListener#anythingMayHaveChanged()}: caches start over from the database. Until
 * then the caches' own expiry bounds how stale they can be.
 */
public final class PostgresChangeListener implements ChangeFeed, AutoCloseable {
    /** The {@code application_name} of the listening session, to find it in {@code pg_stat_activity}. */
    public static final String APPLICATION_NAME = "openauthz-change-listener";

    private static final Logger LOG = LoggerFactory.getLogger(PostgresChangeListener.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration HEARTBEAT = Duration.ofSeconds(5);
    /** More notices than this at once are cheaper to handle as one "drop everything". */
    private static final int MAX_NOTICES_ONE_BY_ONE = 1_000;

    /** Opens a new session straight to PostgreSQL. */
    @FunctionalInterface
    public interface SessionOpener {
        Connection open() throws SQLException;
    }

    private final SessionOpener opener;
    private final ReconnectBackoff backoff;
    private final List<ChangeListener> listeners = new CopyOnWriteArrayList<>();
    private final CountDownLatch listening = new CountDownLatch(1);
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final Thread thread;

    PostgresChangeListener(SessionOpener opener, ReconnectBackoff backoff) {
        this.opener = opener;
        this.backoff = backoff;
        this.thread = new Thread(this::run, "pg-change-listener");
        this.thread.setDaemon(true);
    }

    /**
     * A listener on its own session to the database at {@code jdbcUrl}; it must reach PostgreSQL directly or
     * through a pooler in session mode, because a transaction-pooling PgBouncer does not deliver notifications.
     */
    public static PostgresChangeListener connectingTo(String jdbcUrl, String user, String password) {
        return connectingTo(jdbcUrl, user, password,
                new ReconnectBackoff(Duration.ofMillis(500), Duration.ofSeconds(5)));
    }

    static PostgresChangeListener connectingTo(String jdbcUrl, String user, String password,
                                               ReconnectBackoff backoff) {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("ApplicationName", APPLICATION_NAME);
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("connectTimeout", "5");
        // Bounds the heartbeat query; getNotifications sets its own, shorter, read timeout while it waits.
        properties.setProperty("socketTimeout", "10");
        org.postgresql.Driver driver = new org.postgresql.Driver();
        return new PostgresChangeListener(() -> {
            Connection connection = driver.connect(jdbcUrl, properties);
            if (connection == null) {
                throw new SQLException("not a PostgreSQL JDBC URL");
            }
            return connection;
        }, backoff);
    }

    @Override
    public void subscribe(ChangeListener listener) {
        listeners.add(listener);
    }

    public void start() {
        thread.start();
    }

    /** Waits until the first {@code LISTEN} is in place; false when that took longer than {@code timeout}. */
    public boolean awaitListening(Duration timeout) {
        try {
            return listening.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops the thread and closes its session; returns within about one poll interval. */
    @Override
    public void close() {
        stopping.countDown();
        try {
            thread.join(POLL.multipliedBy(4).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean running() {
        return stopping.getCount() > 0;
    }

    private void run() {
        long outageStartedNanos = 0;
        boolean inOutage = false;
        while (running()) {
            try (Connection session = opener.open()) {
                try (Statement listen = session.createStatement()) {
                    listen.execute("LISTEN " + ChangeNotice.CHANNEL);
                }
                // Listening from here on; whatever changed before is covered by starting the caches over.
                announceEverythingChanged();
                backoff.reset();
                if (inOutage) {
                    LOG.info("Change notices resumed after {} ms; caches were cleared.",
                            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - outageStartedNanos));
                    inOutage = false;
                }
                listening.countDown();
                receive(session);
            } catch (SQLException | RuntimeException e) {
                if (!running()) {
                    break;
                }
                if (!inOutage) {
                    inOutage = true;
                    outageStartedNanos = System.nanoTime();
                    LOG.warn("Lost the database session that receives change notices from other replicas ({}); "
                            + "reconnecting. Until then cached clients and keys expire by their TTL.", RootCause.message(e));
                } else {
                    LOG.debug("Change notice session still unavailable: {}", RootCause.message(e));
                }
                pause(backoff.next());
            }
        }
    }

    private void receive(Connection session) throws SQLException {
        PGConnection notices = session.unwrap(PGConnection.class);
        long quietSince = System.nanoTime();
        while (running()) {
            PGNotification[] received = notices.getNotifications((int) POLL.toMillis());
            if (received != null && received.length > 0) {
                deliver(received);
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince >= HEARTBEAT.toNanos()) {
                if (!session.isValid((int) HEARTBEAT.toSeconds())) {
                    throw new SQLException("the session does not answer");
                }
                quietSince = System.nanoTime();
            }
        }
    }

    private void deliver(PGNotification[] received) {
        if (received.length > MAX_NOTICES_ONE_BY_ONE) {
            announceEverythingChanged();
            return;
        }
        for (PGNotification notice : received) {
            if (ChangeNotice.CHANNEL.equals(notice.getName())) {
                for (ChangeListener listener : listeners) {
                    safely(() -> ChangeNotice.deliver(notice.getParameter(), listener));
                }
            }
        }
    }

    private void announceEverythingChanged() {
        for (ChangeListener listener : listeners) {
            safely(listener::anythingMayHaveChanged);
        }
    }

    /** One failing listener must neither starve the others nor stop the feed. */
    private static void safely(Runnable delivery) {
        try {
            delivery.run();
        } catch (RuntimeException e) {
            LOG.error("A cache failed to handle a change notice", e);
        }
    }

    private void pause(Duration wait) {
        try {
            stopping.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping.countDown();
        }
    }
}
