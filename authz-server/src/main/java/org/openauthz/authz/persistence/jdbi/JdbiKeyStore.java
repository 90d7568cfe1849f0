package org.openauthz.authz.persistence.jdbi;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementException;
import org.openauthz.authz.jwk.KeyStore;
import org.openauthz.authz.jwk.StoredKey;

import java.sql.Timestamp;
import java.util.List;
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
        try {
            writer.run(h -> {
                insert(h, key);
                ChangeNotice.keySetChanged(h, key.set());
                return null;
            });
        } catch (StatementException e) {
            throw SqlErrors.translate(e, "key " + key.kid());
        }
    }

    @Override
    public List<StoredKey> list(String set) {
        return jdbi.withHandle(h -> h.createQuery("SELECT sid, kid, created_at, keydata FROM hydra_jwk WHERE sid = :sid "
                        + "ORDER BY created_at DESC, kid")
                .bind("sid", set)
                .map((rs, ctx) -> new StoredKey(rs.getString("sid"), rs.getString("kid"),
                        rs.getTimestamp("created_at").toInstant(), rs.getString("keydata")))
                .list());
    }

    @Override
    public Optional<StoredKey> find(String set, String kid) {
        return list(set).stream().filter(k -> k.kid().equals(kid)).findFirst();
    }

    @Override
    public void replaceSet(String set, List<StoredKey> keys) {
        try {
            writer.run(h -> {
                h.createUpdate("DELETE FROM hydra_jwk WHERE sid = :sid").bind("sid", set).execute();
                for (StoredKey key : keys) {
                    insert(h, key);
                }
                ChangeNotice.keySetChanged(h, set);
                return null;
            });
        } catch (StatementException e) {
            throw SqlErrors.translate(e, "key");
        }
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
        h.createUpdate("INSERT INTO hydra_jwk (sid, kid, created_at, keydata) VALUES (:sid, :kid, :created, :data)")
                .bind("sid", key.set()).bind("kid", key.kid()).bind("created", Timestamp.from(key.createdAt()))
                .bind("data", key.sealedJwk()).execute();
    }
}
