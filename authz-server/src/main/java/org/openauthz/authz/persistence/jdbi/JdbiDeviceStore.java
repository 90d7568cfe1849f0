package org.openauthz.authz.persistence.jdbi;

import org.jdbi.v3.core.Jdbi;
import org.openauthz.authz.oauth2.device.DeviceRequest;
import org.openauthz.authz.oauth2.device.DeviceState;
import org.openauthz.authz.oauth2.device.DeviceStore;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@link DeviceStore} on PostgreSQL: tables {@code hydra_oauth2_device_request} and
 * {@code hydra_oauth2_device_failure}. Writes go through the group commit, reads straight to the pool.
 */
public final class JdbiDeviceStore implements DeviceStore {
    private static final String COLUMNS = "device_code_signature, user_code_signature, verifier_signature, "
            + "code_signature, client_id, requested_scope, requested_audience, requested_at, expires_at, "
            + "poll_interval, last_polled_at, state";

    private final Jdbi jdbi;
    private final GroupCommitWriter writer;

    public JdbiDeviceStore(Jdbi jdbi, GroupCommitWriter writer) {
        this.jdbi = jdbi;
        this.writer = writer;
    }

    @Override
    public void create(DeviceRequest r) {
        writer.run("device request", h -> h.createUpdate("INSERT INTO hydra_oauth2_device_request (" + COLUMNS + ") VALUES "
                        + "(:device, :user, :verifier, :code, :client, :scope, :audience, :requested, :expires, "
                        + ":interval, :polled, :state)")
                .bind("device", r.deviceCodeSignature())
                .bind("user", r.userCodeSignature())
                .bind("verifier", r.verifierSignature())
                .bind("code", r.codeSignature())
                .bind("client", r.clientId())
                .bind("scope", String.join(" ", r.requestedScopes()))
                .bind("audience", String.join(" ", r.requestedAudience()))
                .bind("requested", Timestamp.from(r.requestedAt()))
                .bind("expires", Timestamp.from(r.expiresAt()))
                .bind("interval", r.intervalSeconds())
                .bind("polled", r.lastPolledAt() == null ? null : Timestamp.from(r.lastPolledAt()))
                .bind("state", r.state().name())
                .execute());
    }

    @Override
    public Optional<DeviceRequest> byDeviceCode(String deviceCodeSignature) {
        return by("device_code_signature", deviceCodeSignature);
    }

    @Override
    public Optional<DeviceRequest> byUserCode(String userCodeSignature) {
        return by("user_code_signature", userCodeSignature);
    }

    @Override
    public Optional<DeviceRequest> byVerifier(String verifierSignature) {
        return by("verifier_signature", verifierSignature);
    }

    private Optional<DeviceRequest> by(String column, String value) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM hydra_oauth2_device_request WHERE "
                        + column + " = :value")
                .bind("value", value).map((rs, ctx) -> row(rs)).findOne());
    }

    @Override
    public boolean advance(DeviceRequest next, DeviceState expected) {
        return writer.run("device verifier", h -> h.createUpdate("UPDATE hydra_oauth2_device_request SET state = :state, "
                        + "verifier_signature = :verifier, code_signature = :code "
                        + "WHERE device_code_signature = :device AND state = :expected")
                .bind("state", next.state().name())
                .bind("verifier", next.verifierSignature())
                .bind("code", next.codeSignature())
                .bind("device", next.deviceCodeSignature())
                .bind("expected", expected.name())
                .execute()) == 1;
    }

    @Override
    public void recordPoll(String deviceCodeSignature, Instant polledAt, int intervalSeconds) {
        writer.run(h -> h.createUpdate("UPDATE hydra_oauth2_device_request SET last_polled_at = :polled, "
                        + "poll_interval = :interval WHERE device_code_signature = :device")
                .bind("polled", Timestamp.from(polledAt)).bind("interval", intervalSeconds)
                .bind("device", deviceCodeSignature).execute());
    }

    @Override
    public void recordFailure(String challengeKey, String sourceKey, Instant at) {
        writer.run(h -> h.createUpdate("INSERT INTO hydra_oauth2_device_failure (challenge_key, source_key, failed_at) "
                        + "VALUES (:challenge, :source, :at)")
                .bind("challenge", challengeKey).bind("source", sourceKey).bind("at", Timestamp.from(at)).execute());
    }

    @Override
    public int failuresOfChallenge(String challengeKey) {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM hydra_oauth2_device_failure "
                + "WHERE challenge_key = :challenge").bind("challenge", challengeKey).mapTo(Integer.class).one());
    }

    @Override
    public int failuresFrom(String sourceKey, Instant since) {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM hydra_oauth2_device_failure "
                        + "WHERE source_key = :source AND failed_at >= :since")
                .bind("source", sourceKey).bind("since", Timestamp.from(since)).mapTo(Integer.class).one());
    }

    @Override
    public int deleteExpired(Instant before, int limit) {
        // Outside the group commit and batched by ctid, like the other janitor deletes (decision 0006).
        return jdbi.withHandle(h -> {
            h.createUpdate("DELETE FROM hydra_oauth2_device_failure WHERE ctid = ANY(ARRAY(SELECT ctid FROM "
                    + "hydra_oauth2_device_failure WHERE failed_at < :before LIMIT :limit))")
                    .bind("before", Timestamp.from(before)).bind("limit", limit).execute();
            return h.createUpdate("DELETE FROM hydra_oauth2_device_request WHERE ctid = ANY(ARRAY(SELECT ctid FROM "
                            + "hydra_oauth2_device_request WHERE expires_at < :before LIMIT :limit))")
                    .bind("before", Timestamp.from(before)).bind("limit", limit).execute();
        });
    }

    private static DeviceRequest row(ResultSet rs) throws SQLException {
        Timestamp polled = rs.getTimestamp("last_polled_at");
        return new DeviceRequest(rs.getString("device_code_signature"), rs.getString("user_code_signature"),
                rs.getString("client_id"), words(rs.getString("requested_scope")),
                words(rs.getString("requested_audience")), rs.getTimestamp("requested_at").toInstant(),
                rs.getTimestamp("expires_at").toInstant(), rs.getInt("poll_interval"),
                polled == null ? null : polled.toInstant(), DeviceState.valueOf(rs.getString("state")),
                rs.getString("verifier_signature"), rs.getString("code_signature"));
    }

    private static List<String> words(String joined) {
        return joined.isEmpty() ? List.of() : Arrays.asList(joined.split(" "));
    }
}
