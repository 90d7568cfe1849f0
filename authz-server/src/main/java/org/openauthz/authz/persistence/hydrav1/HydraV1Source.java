package org.openauthz.authz.persistence.hydrav1;

import org.jdbi.v3.core.Jdbi;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a Hydra v1.10 database (PostgreSQL) as Hydra's SQL migrations left it: only reads, in one read-only
 * transaction so every table is seen at the same moment. Hydra writes its {@code timestamp} columns (without time
 * zone) in UTC, and lists as {@code |}-joined text.
 */
final class HydraV1Source {
    /** A row of {@code hydra_client}, in Hydra's column names. */
    record ClientRow(String id, java.util.Map<String, Object> columns) {
    }

    /** A row of {@code hydra_jwk}: {@code keydata} is the AES-GCM-sealed JWK JSON. */
    record KeyRow(String set, String kid, Instant createdAt, String keydata) {
    }

    /**
     * A handled consent request with its request (and, when Hydra still has them, the login session and the handled
     * login request it came from).
     */
    record ConsentRow(String challenge, String verifier, String csrf, String clientId, String subject,
                      String requestUrl, boolean skip, List<String> requestedScope, List<String> requestedAudience,
                      Instant authenticatedAt, Instant requestedAt, String oidcContext, String forcedSubject,
                      String loginSessionId, String loginChallenge, String acr, String context,
                      List<String> grantedScope, List<String> grantedAudience, boolean remember, long rememberFor,
                      String error, String sessionAccessToken, String sessionIdToken, boolean wasUsed,
                      Instant handledAt, LoginSessionRow loginSession, boolean loginRemember, long loginRememberFor) {
    }

    /** A row of {@code hydra_oauth2_authentication_session}. */
    record LoginSessionRow(String id, String subject, Instant authenticatedAt, boolean remember) {
    }

    /** A row of {@code hydra_oauth2_refresh}. */
    record RefreshRow(String signature, String requestId, Instant requestedAt, String clientId, List<String> scope,
                      List<String> grantedScope, List<String> requestedAudience, List<String> grantedAudience,
                      String sessionData, String subject, boolean active, String challengeId) {
    }

    /** Everything the migration copies, read at one moment. */
    record Snapshot(List<ClientRow> clients, List<KeyRow> keys, List<ConsentRow> consents,
                    List<RefreshRow> refreshTokens) {
    }

    private final Jdbi jdbi;

    HydraV1Source(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    Snapshot read() {
        return jdbi.inTransaction(h -> {
            h.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            List<ClientRow> clients = h.createQuery("SELECT * FROM hydra_client ORDER BY id")
                    .map((rs, ctx) -> new ClientRow(rs.getString("id"), columns(rs))).list();
            List<KeyRow> keys = h.createQuery("SELECT sid, kid, created_at, keydata FROM hydra_jwk ORDER BY sid, kid")
                    .map((rs, ctx) -> new KeyRow(rs.getString("sid"), rs.getString("kid"), instant(rs, "created_at"),
                            rs.getString("keydata"))).list();
            List<ConsentRow> consents = h.createQuery(CONSENTS).map((rs, ctx) -> consent(rs)).list();
            List<RefreshRow> refresh = h.createQuery("SELECT * FROM hydra_oauth2_refresh ORDER BY signature")
                    .map((rs, ctx) -> new RefreshRow(rs.getString("signature"), rs.getString("request_id"),
                            instant(rs, "requested_at"), rs.getString("client_id"), list(rs, "scope"),
                            list(rs, "granted_scope"), list(rs, "requested_audience"), list(rs, "granted_audience"),
                            rs.getString("session_data"), rs.getString("subject"), rs.getBoolean("active"),
                            rs.getString("challenge_id"))).list();
            return new Snapshot(clients, keys, consents, refresh);
        });
    }

    private static final String CONSENTS = "SELECT c.challenge, c.verifier, c.csrf, c.client_id, c.subject, "
            + "c.request_url, c.skip, c.requested_scope, c.requested_at_audience, c.authenticated_at, c.requested_at, "
            + "c.oidc_context, c.forced_subject_identifier, c.login_session_id, c.login_challenge, c.acr, c.context, "
            + "h.granted_scope, h.granted_at_audience, h.remember, h.remember_for, h.error, h.session_access_token, "
            + "h.session_id_token, h.was_used, h.handled_at, h.requested_at AS handled_requested_at, "
            + "s.id AS session_id, s.subject AS session_subject, s.authenticated_at AS session_authenticated_at, "
            + "s.remember AS session_remember, l.remember AS login_remember, l.remember_for AS login_remember_for "
            + "FROM hydra_oauth2_consent_request c "
            + "JOIN hydra_oauth2_consent_request_handled h ON h.challenge = c.challenge "
            + "LEFT JOIN hydra_oauth2_authentication_session s ON s.id = c.login_session_id "
            + "LEFT JOIN hydra_oauth2_authentication_request_handled l ON l.challenge = c.login_challenge "
            + "ORDER BY c.requested_at, c.challenge";

    private static ConsentRow consent(ResultSet rs) throws SQLException {
        String sessionId = rs.getString("session_id");
        LoginSessionRow session = sessionId == null ? null : new LoginSessionRow(sessionId,
                rs.getString("session_subject"), instant(rs, "session_authenticated_at"),
                rs.getBoolean("session_remember"));
        Instant handledAt = instant(rs, "handled_at");
        return new ConsentRow(rs.getString("challenge"), rs.getString("verifier"), rs.getString("csrf"),
                rs.getString("client_id"), rs.getString("subject"), rs.getString("request_url"),
                rs.getBoolean("skip"), list(rs, "requested_scope"), list(rs, "requested_at_audience"),
                instant(rs, "authenticated_at"), instant(rs, "requested_at"), rs.getString("oidc_context"),
                rs.getString("forced_subject_identifier"), rs.getString("login_session_id"),
                rs.getString("login_challenge"), rs.getString("acr"), rs.getString("context"),
                list(rs, "granted_scope"), list(rs, "granted_at_audience"), rs.getBoolean("remember"),
                rs.getLong("remember_for"), rs.getString("error"), rs.getString("session_access_token"),
                rs.getString("session_id_token"), rs.getBoolean("was_used"),
                handledAt != null ? handledAt : instant(rs, "handled_requested_at"), session,
                rs.getBoolean("login_remember"), rs.getLong("login_remember_for"));
    }

    private static java.util.Map<String, Object> columns(ResultSet rs) throws SQLException {
        java.util.Map<String, Object> columns = new java.util.HashMap<>();
        java.sql.ResultSetMetaData meta = rs.getMetaData();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            String name = meta.getColumnName(i);
            int type = meta.getColumnType(i);
            Object value = type == java.sql.Types.TIMESTAMP ? instant(rs, name) : rs.getObject(i);
            if (value != null) {
                columns.put(name, value);
            }
        }
        return columns;
    }

    /** A Hydra {@code timestamp} column, written in UTC; null stays null. */
    static Instant instant(ResultSet rs, String column) throws SQLException {
        LocalDateTime value = rs.getObject(column, LocalDateTime.class);
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }

    /** A {@code |}-joined list column; empty or null is the empty list. */
    static List<String> list(ResultSet rs, String column) throws SQLException {
        return split(rs.getString(column));
    }

    static List<String> split(String joined) {
        if (joined == null || joined.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(joined.split("\\|")).filter(s -> !s.isEmpty()).toList();
    }
}
