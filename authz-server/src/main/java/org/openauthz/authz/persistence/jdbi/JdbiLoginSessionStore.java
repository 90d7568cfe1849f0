package org.openauthz.authz.persistence.jdbi;

import org.jdbi.v3.core.Jdbi;
import org.openauthz.authz.consent.LoginSession;
import org.openauthz.authz.consent.LoginSessionStore;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;

/** {@link LoginSessionStore} on PostgreSQL: table {@code hydra_oauth2_authentication_session}. */
public final class JdbiLoginSessionStore implements LoginSessionStore {
    private final Jdbi jdbi;
    private final GroupCommitWriter writer;

    /** Writes go through {@code writer} (group commit), reads straight to {@code jdbi}. */
    public JdbiLoginSessionStore(Jdbi jdbi, GroupCommitWriter writer) {
        this.jdbi = jdbi;
        this.writer = writer;
    }

    @Override
    public void save(LoginSession session) {
        writer.run(h -> h.createUpdate("INSERT INTO hydra_oauth2_authentication_session (id, subject, "
                        + "authenticated_at, remember) VALUES (:id, :subject, :at, :remember) ON CONFLICT (id) DO UPDATE "
                        + "SET subject = EXCLUDED.subject, authenticated_at = EXCLUDED.authenticated_at, "
                        + "remember = EXCLUDED.remember")
                .bind("id", session.id())
                .bind("subject", session.subject() == null ? "" : session.subject())
                .bind("at", session.authenticatedAt() == null ? null : Timestamp.from(session.authenticatedAt()))
                .bind("remember", session.remember())
                .execute());
    }

    @Override
    public Optional<LoginSession> find(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, subject, authenticated_at, remember FROM "
                        + "hydra_oauth2_authentication_session WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> read(rs)).findOne());
    }

    /** The session in the current row of {@code rs}, which has its four columns by name. */
    static LoginSession read(ResultSet rs) throws SQLException {
        Timestamp at = rs.getTimestamp("authenticated_at");
        return new LoginSession(rs.getString("id"), rs.getString("subject"), at == null ? null : at.toInstant(),
                rs.getBoolean("remember"));
    }

    @Override
    public void delete(String id) {
        writer.run(h -> h.createUpdate("DELETE FROM hydra_oauth2_authentication_session WHERE id = :id")
                .bind("id", id).execute());
    }

    @Override
    public int deleteBySubject(String subject) {
        return writer.run(h -> h.createUpdate("DELETE FROM hydra_oauth2_authentication_session WHERE "
                + "subject = :subject").bind("subject", subject).execute());
    }
}
