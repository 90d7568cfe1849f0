package org.openauthz.authz.persistence.jdbi;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.openauthz.authz.jwk.KeyStore;
import org.openauthz.authz.jwk.StoredKey;

import java.sql.Timestamp;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link KeyStore} on PostgreSQL: table {@code hydra_jwk}, key data sealed before it gets here. Every write also sends
 * a {@link ChangeNotice} for its set in its transaction, so every replica drops its decrypted copy of the set (and
 * so its JWKS) when the change commits (decision 0008). Writes go through the group commit (decision 0006), the
 * notice in the same unit, so it commits (or rolls back) with the batch holding the write.
 */
public final class JdbiKeyStore implements KeyStore {
    private final Jdbi jdbi;
    private final GroupCommitWriter writer;

    /** Writes go through {@code writer} (group commit), reads straight to {@code jdbi}. */
    public JdbiKeyStore(Jdbi jdbi, GroupCommitWriter writer) {
        this.jdbi = jdbi;
        this.writer = writer;
    }

    @Override
    public void add(StoredKey key) {
        writer.run("key " + key.kid(), h -> {
            insert(h, key);
            ChangeNotice.keySetChanged(h, key.set());
            return null;
        });
    }

    @Override
    public List<StoredKey> list(String set) {
        return jdbi.withHandle(h -> list(h, set));
    }

    @Override
    public boolean addIfNewestIs(StoredKey key, String expectedNewestKid) {
        return writer.run("key " + key.kid(), h -> {
            // A transaction-scoped lock per set: a replica that checks the newest key after another one added a
            // key waits for that commit and then sees the new key, so two replicas never both add. Within one
            // group-commit batch the lock is re-entrant and the second check sees the first insert.
            h.createQuery("SELECT pg_advisory_xact_lock(hashtext('hydra_jwk'), hashtext(:sid))")
                    .bind("sid", key.set()).mapTo(String.class).one();
            List<StoredKey> current = list(h, key.set());
            String newest = current.isEmpty() ? null : current.get(0).kid();
            if (!Objects.equals(newest, expectedNewestKid)) {
                return false;
            }
            insert(h, key);
            ChangeNotice.keySetChanged(h, key.set());
            return true;
        });
    }

    private static List<StoredKey> list(Handle h, String set) {
        return h.createQuery("SELECT sid, kid, created_at, keydata, coalesce(use_from, created_at) AS use_from "
                        + "FROM hydra_jwk WHERE sid = :sid ORDER BY created_at DESC, kid")
                .bind("sid", set)
                .map((rs, ctx) -> new StoredKey(rs.getString("sid"), rs.getString("kid"),
                        rs.getTimestamp("created_at").toInstant(), rs.getString("keydata"),
                        rs.getTimestamp("use_from").toInstant()))
                .list();
    }

    @Override
    public Optional<StoredKey> find(String set, String kid) {
        return list(set).stream().filter(k -> k.kid().equals(kid)).findFirst();
    }

    @Override
    public void replaceSet(String set, List<StoredKey> keys) {
        writer.run("key", h -> {
            h.createUpdate("DELETE FROM hydra_jwk WHERE sid = :sid").bind("sid", set).execute();
            for (StoredKey key : keys) {
                insert(h, key);
            }
            ChangeNotice.keySetChanged(h, set);
            return null;
        });
    }

    @Override
    public boolean deleteSet(String set) {
        return writer.run(h -> announceIfDeleted(h, set,
                h.createUpdate("DELETE FROM hydra_jwk WHERE sid = :sid").bind("sid", set).execute()));
    }

    @Override
    public boolean delete(String set, String kid) {
        return writer.run(h -> announceIfDeleted(h, set,
                h.createUpdate("DELETE FROM hydra_jwk WHERE sid = :sid AND kid = :kid").bind("sid", set)
                        .bind("kid", kid).execute()));
    }

    private static boolean announceIfDeleted(Handle h, String set, int deletedRows) {
        if (deletedRows == 0) {
            return false;
        }
        ChangeNotice.keySetChanged(h, set);
        return true;
    }

    private static void insert(Handle h, StoredKey key) {
        h.createUpdate("INSERT INTO hydra_jwk (sid, kid, created_at, keydata, use_from) "
                        + "VALUES (:sid, :kid, :created, :data, :useFrom)")
                .bind("sid", key.set()).bind("kid", key.kid()).bind("created", Timestamp.from(key.createdAt()))
                .bind("data", key.sealedJwk()).bind("useFrom", Timestamp.from(key.useFrom())).execute();
    }
}
