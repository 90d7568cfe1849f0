package org.openauthz.authz.persistence.jdbi;

import org.jdbi.v3.core.Handle;
import org.openauthz.authz.storage.ChangeListener;

import java.nio.charset.StandardCharsets;

/**
 * The change notices replicas send each other through PostgreSQL's NOTIFY (decision 0008): one channel, payload
 * {@code <kind>:<id>}. Sent with {@code pg_notify} in the transaction of the change itself, because PostgreSQL
 * delivers a notification only when its transaction commits and never when it rolls back
 * (https://www.postgresql.org/docs/current/sql-notify.html), so a replica hears of exactly the changes that happened.
 */
public final class ChangeNotice {
    /** The channel every replica LISTENs on. */
    public static final String CHANNEL = "openauthz_changes";
    static final String CLIENT = "client";
    static final String KEY_SET = "jwks";
    /** Asks every replica to drop everything cached. */
    static final String EVERYTHING = "*";

    /**
     * "The payload ... must be shorter than 8000 bytes" (https://www.postgresql.org/docs/current/sql-notify.html);
     * a longer one would fail the change's transaction, so it is sent as {@link #EVERYTHING} instead. Ids are at
     * most 255 characters in the schema, so this is a guard, not a path that is taken.
     */
    private static final int MAX_PAYLOAD_BYTES = 7_999;

    private ChangeNotice() {
    }

    /** Announces, when {@code handle}'s transaction commits, that the client {@code clientId} changed. */
    static void clientChanged(Handle handle, String clientId) {
        send(handle, CLIENT + ":" + clientId);
    }

    /** Announces, when {@code handle}'s transaction commits, that the key set {@code set} changed. */
    static void keySetChanged(Handle handle, String set) {
        send(handle, KEY_SET + ":" + set);
    }

    private static void send(Handle handle, String payload) {
        String fitting = payload.getBytes(StandardCharsets.UTF_8).length > MAX_PAYLOAD_BYTES ? EVERYTHING : payload;
        handle.createQuery("SELECT pg_notify(:channel, :payload)").bind("channel", CHANNEL).bind("payload", fitting)
                .mapTo(String.class).one();
    }

    /** Hands one received payload to the listener; a payload it does not understand drops everything cached. */
    static void deliver(String payload, ChangeListener listener) {
        int colon = payload.indexOf(':');
        String kind = colon < 0 ? payload : payload.substring(0, colon);
        String id = colon < 0 ? "" : payload.substring(colon + 1);
        if (CLIENT.equals(kind) && !id.isEmpty()) {
            listener.clientChanged(id);
        } else if (KEY_SET.equals(kind) && !id.isEmpty()) {
            listener.keySetChanged(id);
        } else {
            listener.anythingMayHaveChanged();
        }
    }
}
