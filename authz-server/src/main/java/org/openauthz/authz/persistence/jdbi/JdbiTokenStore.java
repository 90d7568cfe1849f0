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
    private final RecentCodes recentCodes = new RecentCodes();

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
        if (kind == TokenKind.AUTHORIZE_CODE) {
            recentCodes.remember(t);
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
     * Redeeming a code and rotating a refresh token are each one statement (RFC 6749 §4.1.2, §10.4): the old token
     * is marked inactive only if it is still active, and the new rows are inserted from that update's result, so a
     * token used twice or lost in a race writes nothing, and what is written is written together. One statement is
     * one round trip, and the waiting ones of the same shape go to the database as one batch (GroupCommitWriter).
     */
    private static final String REDEEM = used(TokenKind.AUTHORIZE_CODE) + " "
            + insertFromUsed(TokenKind.ACCESS_TOKEN, "a_");
    private static final String REDEEM_WITH_REFRESH = used(TokenKind.AUTHORIZE_CODE) + ", refresh AS ("
            + insertFromUsed(TokenKind.REFRESH_TOKEN, "r_") + ") " + insertFromUsed(TokenKind.ACCESS_TOKEN, "a_");
    /** Rotation also deletes the request's earlier access tokens, as Hydra does. */
    private static final String ROTATE = used(TokenKind.REFRESH_TOKEN) + ", earlier AS (DELETE FROM "
            + TokenTables.of(TokenKind.ACCESS_TOKEN) + " WHERE request_id = :request_id AND EXISTS (SELECT 1 FROM used)), "
            + "refresh AS (" + insertFromUsed(TokenKind.REFRESH_TOKEN, "r_") + ") "
            + insertFromUsed(TokenKind.ACCESS_TOKEN, "a_");

    private static String used(TokenKind kind) {
        return "WITH used AS (UPDATE " + TokenTables.of(kind) + " SET active = false WHERE signature = :used "
                + "AND active RETURNING 1)";
    }

    /** Inserts a token row of {@code kind}, bound with names prefixed by {@code prefix}, only if {@code used} has one. */
    private static String insertFromUsed(TokenKind kind, String prefix) {
        return "INSERT INTO " + TokenTables.of(kind) + " (" + COLUMNS + ") " + rowFromUsed(prefix);
    }

    /** A token row as a SELECT from {@code used}: one row if the old token was used, none otherwise. */
    private static String rowFromUsed(String prefix) {
        return ("SELECT CAST(:%1$ssignature AS text), CAST(:%1$srequest_id AS text), CAST(:%1$sclient_id AS text), "
                + "CAST(:%1$ssubject AS text), CAST(:%1$srequested_at AS timestamptz), "
                + "CAST(:%1$sexpires_at AS timestamptz), CAST(:%1$sgranted_scope AS text), "
                + "CAST(:%1$srequested_scope AS text), CAST(:%1$sgranted_audience AS text), "
                + "CAST(:%1$srequested_audience AS text), CAST(:%1$sactive AS boolean), "
                + "CAST(:%1$ssession_data AS text), CAST(:%1$schallenge_id AS text), CAST(:%1$sdpop_jkt AS text) "
                + "FROM used").formatted(prefix);
    }

    @Override
    public boolean redeem(String codeSignature, TokenRecord access, TokenRecord refresh) {
        recentCodes.forget(codeSignature);
        return writer.statement("token", new GroupCommitWriter.Statement<>(
                refresh == null ? REDEEM : REDEEM_WITH_REFRESH,
                batch -> {
                    bindRow(batch.bind("used", codeSignature), "a_", access);
                    if (refresh != null) {
                        bindRow(batch, "r_", refresh);
                    }
                },
                count -> count == 1));
    }

    @Override
    public boolean rotate(String oldRefreshSignature, String requestId, TokenRecord newAccess,
                          TokenRecord newRefresh) {
        return writer.statement("token", new GroupCommitWriter.Statement<>(ROTATE,
                batch -> bindRow(bindRow(batch.bind("used", oldRefreshSignature).bind("request_id", requestId),
                        "a_", newAccess), "r_", newRefresh),
                count -> count == 1));
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
        recentCodes.forgetIf(code -> code.challengeId() != null
                && consentChallenges.contains(code.challengeId()));
    }

    private static <S extends org.jdbi.v3.core.statement.SqlStatement<S>> S bindRow(S statement, TokenRecord t) {
        return bindRow(statement, "", t);
    }

    /** Binds a token row's columns as named parameters, each name prefixed with {@code prefix}. */
    private static <S extends org.jdbi.v3.core.statement.SqlStatement<S>> S bindRow(S statement, String prefix,
                                                                                   TokenRecord t) {
        return statement.bind(prefix + "signature", t.signature())
                .bind(prefix + "request_id", t.requestId())
                .bind(prefix + "client_id", t.clientId())
                .bind(prefix + "subject", t.subject())
                .bind(prefix + "requested_at", Timestamp.from(t.requestedAt()))
                .bind(prefix + "expires_at", t.expiresAt() == null ? null : Timestamp.from(t.expiresAt()))
                .bind(prefix + "granted_scope", join(t.grantedScopes()))
                .bind(prefix + "requested_scope", join(t.requestedScopes()))
                .bind(prefix + "granted_audience", join(t.grantedAudience()))
                .bind(prefix + "requested_audience", join(t.requestedAudience()))
                .bind(prefix + "active", t.active())
                .bind(prefix + "session_data", t.sessionData())
                .bind(prefix + "challenge_id", t.challengeId())
                .bind(prefix + "dpop_jkt", t.dpopJkt());
    }

    @Override
    public Optional<TokenRecord> findForRedemption(TokenKind kind, String signature) {
        TokenRecord recentCode = kind == TokenKind.AUTHORIZE_CODE ? recentCodes.find(signature) : null;
        return recentCode != null ? Optional.of(recentCode) : find(kind, signature);
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
        recentCodes.forgetIf(code -> code.requestId().equals(requestId));
    }

    @Override
    public int deleteExpired(TokenKind kind, Instant notAfter, Instant requestedBefore, int limit) {
        if (kind == TokenKind.AUTHORIZE_CODE) {
            recentCodes.forgetIf(code -> code.expiredAt(notAfter));
        }
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
        if (kind == TokenKind.AUTHORIZE_CODE) {
            recentCodes.forgetIf(code -> code.clientId().equals(clientId));
        }
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
