package org.openauthz.authz.persistence.jdbi;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementException;
import org.openauthz.authz.oauth2.token.TokenKind;
import org.openauthz.authz.oauth2.token.TokenRecord;
import org.openauthz.authz.oauth2.token.TokenStore;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@link TokenStore} on PostgreSQL: one table per {@link TokenKind} ({@link TokenTables}), one generic set of
 * statements, as Hydra's SQL persister does. Lists are stored space-joined (RFC 6749 §3.3 scope syntax).
 */
public final class JdbiTokenStore implements TokenStore {
    private static final String COLUMNS = "signature, request_id, client_id, subject, requested_at, expires_at, "
            + "granted_scope, requested_scope, granted_audience, requested_audience, active, session_data, challenge_id, "
            + "dpop_jkt";
    private static final String INSERT_SQL = "INSERT INTO %s (" + COLUMNS + ") VALUES (:signature, :request_id, "
            + ":client_id, :subject, :requested_at, :expires_at, :granted_scope, :requested_scope, :granted_audience, "
            + ":requested_audience, :active, :session_data, :challenge_id, :dpop_jkt)";

    private final Jdbi jdbi;
    private final GroupCommitWriter writer;

    /** Writes go through {@code writer} (group commit), reads straight to {@code jdbi}. */
    public JdbiTokenStore(Jdbi jdbi, GroupCommitWriter writer) {
        this.jdbi = jdbi;
        this.writer = writer;
    }

    @Override
    public void insert(TokenKind kind, TokenRecord t) {
        try {
            writer.insert(kind, t);
        } catch (StatementException e) {
            throw SqlErrors.translate(e, "token");
        }
    }

    static void insertAll(Handle h, TokenKind kind, List<TokenRecord> rows) {
        org.jdbi.v3.core.statement.PreparedBatch batch = h.prepareBatch(INSERT_SQL.formatted(TokenTables.of(kind)));
        for (TokenRecord t : rows) {
            bindRow(batch, t).add();
        }
        batch.execute();
    }

    /**
     * Marks an active token inactive. False, writing nothing, when it is absent or already inactive: the caller lost
     * a race or the token was used before.
     */
    private static boolean deactivate(Handle h, TokenKind kind, String signature) {
        return h.createUpdate("UPDATE " + TokenTables.of(kind) + " SET active = false WHERE signature = :signature AND active")
                .bind("signature", signature).execute() == 1;
    }

    @Override
    public boolean redeem(String codeSignature, TokenRecord access, TokenRecord refresh) {
        return writer.run("token", h -> {
            if (!deactivate(h, TokenKind.AUTHORIZE_CODE, codeSignature)) {
                return false;
            }
            insert(h, TokenKind.ACCESS_TOKEN, access);
            if (refresh != null) {
                insert(h, TokenKind.REFRESH_TOKEN, refresh);
            }
            return true;
        });
    }

    @Override
    public boolean rotate(String oldRefreshSignature, String requestId, TokenRecord newAccess,
                          TokenRecord newRefresh) {
        return writer.run("token", h -> {
            if (!deactivate(h, TokenKind.REFRESH_TOKEN, oldRefreshSignature)) {
                return false;
            }
            h.createUpdate("DELETE FROM " + TokenTables.of(TokenKind.ACCESS_TOKEN) + " WHERE request_id = :id")
                    .bind("id", requestId).execute();
            insert(h, TokenKind.ACCESS_TOKEN, newAccess);
            insert(h, TokenKind.REFRESH_TOKEN, newRefresh);
            return true;
        });
    }

    @Override
    public void revokeByChallenges(List<String> consentChallenges) {
        if (consentChallenges.isEmpty()) {
            return;
        }
        writer.run(h -> {
            for (TokenKind kind : TokenKind.values()) {
                h.createUpdate("DELETE FROM " + TokenTables.of(kind) + " WHERE challenge_id IN (<ids>)")
                        .bindList("ids", consentChallenges).execute();
            }
            return null;
        });
    }

    private static <S extends org.jdbi.v3.core.statement.SqlStatement<S>> S bindRow(S statement, TokenRecord t) {
        return statement.bind("signature", t.signature())
                .bind("request_id", t.requestId())
                .bind("client_id", t.clientId())
                .bind("subject", t.subject())
                .bind("requested_at", Timestamp.from(t.requestedAt()))
                .bind("expires_at", t.expiresAt() == null ? null : Timestamp.from(t.expiresAt()))
                .bind("granted_scope", join(t.grantedScopes()))
                .bind("requested_scope", join(t.requestedScopes()))
                .bind("granted_audience", join(t.grantedAudience()))
                .bind("requested_audience", join(t.requestedAudience()))
                .bind("active", t.active())
                .bind("session_data", t.sessionData())
                .bind("challenge_id", t.challengeId())
                .bind("dpop_jkt", t.dpopJkt());
    }

    private static void insert(Handle h, TokenKind kind, TokenRecord t) {
        bindRow(h.createUpdate(INSERT_SQL.formatted(TokenTables.of(kind))), t).execute();
    }

    @Override
    public Optional<TokenRecord> find(TokenKind kind, String signature) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM " + TokenTables.of(kind)
                        + " WHERE signature = :signature")
                .bind("signature", signature)
                .map((rs, ctx) -> read(rs))
                .findOne());
    }

    @Override
    public void revokeRequest(String requestId) {
        writer.run(h -> {
            h.createUpdate("DELETE FROM " + TokenTables.of(TokenKind.ACCESS_TOKEN) + " WHERE request_id = :id")
                    .bind("id", requestId).execute();
            for (TokenKind kind : new TokenKind[] {TokenKind.REFRESH_TOKEN, TokenKind.AUTHORIZE_CODE}) {
                h.createUpdate("UPDATE " + TokenTables.of(kind) + " SET active = false WHERE request_id = :id")
                        .bind("id", requestId).execute();
            }
            return null;
        });
    }

    @Override
    public int deleteExpired(TokenKind kind, Instant notAfter, Instant requestedBefore, int limit) {
        // Not through the group commit: each call deletes up to `limit` rows (the janitor's batches of 10,000), and
        // in a shared batch every login and token write waiting behind it would wait for that delete to commit.
        // Batched through ctid instead, so each call is one short transaction of its own and the janitor (hydra
        // janitor, POST /oauth2/flush) never blocks issuance for long (decision 0006).
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM " + TokenTables.of(kind) + " WHERE ctid = ANY(ARRAY("
                        + "SELECT ctid FROM " + TokenTables.of(kind) + " WHERE expires_at < :cutoff "
                        // expires_at's index serves the scan; rows expired but requested too recently are the ones
                        // that expired last, so they come at the end of it.
                        + "AND (CAST(:requested AS timestamptz) IS NULL OR requested_at < :requested) LIMIT :limit))")
                .bind("cutoff", Timestamp.from(notAfter))
                .bind("requested", requestedBefore == null ? null : Timestamp.from(requestedBefore))
                .bind("limit", limit)
                .execute());
    }

    @Override
    public int deleteByClient(TokenKind kind, String clientId) {
        return writer.run(h -> h.createUpdate("DELETE FROM " + TokenTables.of(kind) + " WHERE client_id = :client")
                .bind("client", clientId).execute());
    }

    private static TokenRecord read(ResultSet rs) throws SQLException {
        Timestamp expires = rs.getTimestamp("expires_at");
        return new TokenRecord(rs.getString("signature"), rs.getString("request_id"), rs.getString("client_id"),
                rs.getString("subject"), rs.getTimestamp("requested_at").toInstant(),
                expires == null ? null : expires.toInstant(), split(rs.getString("granted_scope")),
                split(rs.getString("requested_scope")), split(rs.getString("granted_audience")),
                split(rs.getString("requested_audience")), rs.getBoolean("active"), rs.getString("session_data"),
                rs.getString("challenge_id"), rs.getString("dpop_jkt"));
    }

    private static String join(List<String> values) {
        return String.join(" ", values);
    }

    private static List<String> split(String value) {
        return value == null || value.isEmpty() ? List.of() : List.of(value.split(" "));
    }
}
