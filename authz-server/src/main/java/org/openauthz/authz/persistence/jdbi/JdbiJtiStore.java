package org.openauthz.authz.persistence.jdbi;

import org.openauthz.authz.oauth2.JtiStore;

import java.sql.Timestamp;
import java.time.Instant;

/** {@link JtiStore} on PostgreSQL: table {@code hydra_oauth2_jti_blacklist}; expired rows are purged on insert. */
public final class JdbiJtiStore implements JtiStore {
    private final GroupCommitWriter writer;

    /** Writes (every call of this store is one) go through {@code writer} (group commit). */
    public JdbiJtiStore(GroupCommitWriter writer) {
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
}
