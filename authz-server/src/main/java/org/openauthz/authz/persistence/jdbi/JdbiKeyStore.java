package org.openauthz.authz.persistence.jdbi;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementException;
import org.openauthz.authz.jwk.KeyStore;
import org.openauthz.authz.jwk.StoredKey;

import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

/** {@link KeyStore} on PostgreSQL: table {@code hydra_jwk}, key data sealed before it gets here. */
public final class JdbiKeyStore implements KeyStore {
    private final Jdbi jdbi;

    public JdbiKeyStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void add(StoredKey key) {
        try {
            jdbi.useHandle(h -> insert(h, key));
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
            jdbi.useTransaction(h -> {
                h.createUpdate("DELETE FROM hydra_jwk WHERE sid = :sid").bind("sid", set).execute();
                for (StoredKey key : keys) {
                    insert(h, key);
                }
            });
        } catch (StatementException e) {
            throw SqlErrors.translate(e, "key");
        }
    }

    @Override
    public boolean deleteSet(String set) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM hydra_jwk WHERE sid = :sid").bind("sid", set)
                .execute()) > 0;
    }

    @Override
    public boolean delete(String set, String kid) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM hydra_jwk WHERE sid = :sid AND kid = :kid")
                .bind("sid", set).bind("kid", kid).execute()) > 0;
    }

    private static void insert(Handle h, StoredKey key) {
        h.createUpdate("INSERT INTO hydra_jwk (sid, kid, created_at, keydata) VALUES (:sid, :kid, :created, :data)")
                .bind("sid", key.set()).bind("kid", key.kid()).bind("created", Timestamp.from(key.createdAt()))
                .bind("data", key.sealedJwk()).execute();
    }
}
