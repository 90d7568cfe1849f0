package org.openauthz.authz.persistence.jdbi;

import org.jdbi.v3.core.Jdbi;
import org.openauthz.authz.consent.LogoutRequest;
import org.openauthz.authz.consent.LogoutRequestStore;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/** {@link LogoutRequestStore} on PostgreSQL: table {@code hydra_oauth2_logout_request}, as Hydra v1.10 has it. */
public final class JdbiLogoutRequestStore implements LogoutRequestStore {
    private static final String COLUMNS = "challenge, verifier, subject, sid, client_id, request_url, redir_url, "
            + "rp_initiated, accepted, rejected, was_used, requested_at";

    private final Jdbi jdbi;
    private final GroupCommitWriter writer;

    /** Writes go through {@code writer} (group commit), reads straight to {@code jdbi}. */
    public JdbiLogoutRequestStore(Jdbi jdbi, GroupCommitWriter writer) {
        this.jdbi = jdbi;
        this.writer = writer;
    }

    @Override
    public void create(LogoutRequest r) {
        writer.run("logout request", h -> h.createUpdate("INSERT INTO hydra_oauth2_logout_request (" + COLUMNS + ") VALUES "
                        + "(:challenge, :verifier, :subject, :sid, :client_id, :request_url, :redir_url, "
                        + ":rp_initiated, :accepted, :rejected, :was_used, :requested_at)")
                .bind("challenge", r.challenge())
                .bind("verifier", r.verifier())
                .bind("subject", r.subject())
                .bind("sid", r.sid() == null ? "" : r.sid())
                .bind("client_id", r.clientId())
                .bind("request_url", r.requestUrl())
                .bind("redir_url", r.redirectUrl())
                .bind("rp_initiated", r.rpInitiated())
                .bind("accepted", r.accepted())
                .bind("rejected", r.rejected())
                .bind("was_used", r.wasUsed())
                .bind("requested_at", Timestamp.from(r.requestedAt()))
                .execute());
    }

    @Override
    public Optional<LogoutRequest> byChallenge(String challenge) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM hydra_oauth2_logout_request "
                        + "WHERE challenge = :challenge")
                .bind("challenge", challenge)
                .map((rs, ctx) -> row(rs)).findOne());
    }

    @Override
    public boolean accept(String challenge) {
        return open(challenge, "accepted");
    }

    @Override
    public boolean reject(String challenge) {
        return open(challenge, "rejected");
    }

    private boolean open(String challenge, String column) {
        return writer.run(h -> h.createUpdate("UPDATE hydra_oauth2_logout_request SET " + column + " = true "
                        + "WHERE challenge = :challenge AND NOT accepted AND NOT rejected")
                .bind("challenge", challenge).execute()) == 1;
    }

    @Override
    public Optional<LogoutRequest> useVerifier(String verifier) {
        return writer.run(h -> h.createQuery("UPDATE hydra_oauth2_logout_request SET was_used = true "
                        + "WHERE verifier = :verifier AND accepted AND NOT rejected AND NOT was_used "
                        + "RETURNING " + COLUMNS)
                .bind("verifier", verifier)
                .map((rs, ctx) -> row(rs)).findOne());
    }

    @Override
    public int deleteExpired(Instant requestedBefore, int batchSize) {
        // Not through the group commit, like the token and flow janitors (decisions 0006, 0009): one short statement
        // of its own per batch, so no login or logout write ever waits behind a janitor's delete. The scan uses
        // hydra_oauth2_logout_request_requested_at_idx.
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM hydra_oauth2_logout_request WHERE challenge IN ("
                        + "SELECT challenge FROM hydra_oauth2_logout_request WHERE requested_at < :before "
                        + "ORDER BY requested_at LIMIT :n)")
                .bind("before", Timestamp.from(requestedBefore))
                .bind("n", batchSize)
                .execute());
    }

    private static LogoutRequest row(ResultSet rs) throws SQLException {
        String sid = rs.getString("sid");
        return new LogoutRequest(rs.getString("challenge"), rs.getString("verifier"), rs.getString("subject"),
                sid == null || sid.isEmpty() ? null : sid, rs.getString("client_id"), rs.getString("request_url"),
                rs.getString("redir_url"), rs.getBoolean("rp_initiated"), rs.getBoolean("accepted"),
                rs.getBoolean("rejected"), rs.getBoolean("was_used"), rs.getTimestamp("requested_at").toInstant());
    }
}
