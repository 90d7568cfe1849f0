package org.openauthz.authz.persistence.jdbi;

import org.jdbi.v3.core.Jdbi;
import org.openauthz.authz.client.InitialAccessToken;
import org.openauthz.authz.client.InitialAccessTokenStore;

import java.sql.Timestamp;
import java.time.Instant;

/**
 * {@link InitialAccessTokenStore} on PostgreSQL: table {@code hydra_oauth2_initial_access_token}. Writes go through the
 * group commit (decision 0006); using a single-use token is one {@code DELETE ... RETURNING}, so it works once.
 */
public final class JdbiInitialAccessTokenStore implements InitialAccessTokenStore {
    private final Jdbi jdbi;
    private final GroupCommitWriter writer;

    public JdbiInitialAccessTokenStore(Jdbi jdbi, GroupCommitWriter writer) {
        this.jdbi = jdbi;
        this.writer = writer;
    }

    @Override
    public void create(InitialAccessToken token) {
        writer.run(h -> {
            h.createUpdate("DELETE FROM hydra_oauth2_initial_access_token WHERE expires_at <= :now")
                    .bind("now", Timestamp.from(token.createdAt())).execute();
            return h.createUpdate("INSERT INTO hydra_oauth2_initial_access_token (signature, single_use, expires_at, "
                            + "created_at) VALUES (:sig, :single, :expires, :created)")
                    .bind("sig", token.hash()).bind("single", token.singleUse())
                    .bind("expires", Timestamp.from(token.expiresAt()))
                    .bind("created", Timestamp.from(token.createdAt())).execute();
        });
    }

    @Override
    public boolean isUsable(String hash, Instant now) {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM hydra_oauth2_initial_access_token "
                        + "WHERE signature = :sig AND expires_at > :now")
                .bind("sig", hash).bind("now", Timestamp.from(now)).mapTo(Long.class).one() > 0);
    }

    @Override
    public boolean use(String hash, Instant now) {
        return writer.run(h -> {
            boolean spent = h.createUpdate("DELETE FROM hydra_oauth2_initial_access_token WHERE signature = :sig "
                            + "AND single_use AND expires_at > :now")
                    .bind("sig", hash).bind("now", Timestamp.from(now)).execute() > 0;
            return spent || h.createQuery("SELECT count(*) FROM hydra_oauth2_initial_access_token "
                            + "WHERE signature = :sig AND NOT single_use AND expires_at > :now")
                    .bind("sig", hash).bind("now", Timestamp.from(now)).mapTo(Long.class).one() > 0;
        });
    }
}
