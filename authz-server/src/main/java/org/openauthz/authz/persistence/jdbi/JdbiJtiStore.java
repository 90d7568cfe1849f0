package org.openauthz.authz.persistence.jdbi;

import org.jdbi.v3.core.Jdbi;
import org.openauthz.authz.oauth2.JtiStore;

import java.sql.Timestamp;
import java.time.Instant;

/** {@link JtiStore} on PostgreSQL: table {@code hydra_oauth2_jti_blacklist}; expired rows are purged on insert. */
public final class JdbiJtiStore implements JtiStore {
    private final GroupCommitWriter writer;

    private final Jdbi jdbi;

    /** Claims go through {@code writer} (group commit); the janitor's deletes straight to {@code jdbi}. */
    public JdbiJtiStore(Jdbi jdbi, GroupCommitWriter writer) {
        this.jdbi = jdbi;
        this.writer = writer;
    }

    @Override
    public boolean claim(String jtiHash, Instant expiresAt) {
        return writer.run(h -> {
            h.createUpdate("DELETE FROM hydra_oauth2_jti_blacklist WHERE expires_at < now()").execute();
            return h.createUpdate("INSERT INTO hydra_oauth2_jti_blacklist (signature, expires_at) VALUES (:sig, :exp) "
                    + "ON CONFLICT (signature) DO NOTHING")
                    .bind("sig", jtiHash).bind("exp", Timestamp.from(expiresAt)).execute() == 1;
        });
    }

    @Override
    public int deleteExpired(Instant before, int limit) {
        // Outside the group commit and batched by ctid, like JdbiTokenStore.deleteExpired (decision 0006).
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM hydra_oauth2_jti_blacklist WHERE ctid = ANY(ARRAY("
                        + "SELECT ctid FROM hydra_oauth2_jti_blacklist WHERE expires_at < :before LIMIT :limit))")
                .bind("before", Timestamp.from(before)).bind("limit", limit).execute());
    }
}
