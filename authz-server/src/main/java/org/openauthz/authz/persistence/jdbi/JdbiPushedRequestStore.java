package org.openauthz.authz.persistence.jdbi;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.jdbi.v3.core.Jdbi;
import org.openauthz.authz.oauth2.par.PushedRequest;
import org.openauthz.authz.oauth2.par.PushedRequestStore;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link PushedRequestStore} on PostgreSQL: table {@code openauthz_pushed_requests}, the parameters as one JSON
 * document; expired rows are purged on insert. Saving and consuming go through the group commit; consuming is one {@code DELETE ... RETURNING}, so a
 * {@code request_uri} works once even across replicas.
 */
public final class JdbiPushedRequestStore implements PushedRequestStore {
    /** The stored form of the parameters; a record so Jackson keeps the value types. */
    record Parameters(Map<String, List<String>> values) {
    }

    private final Jdbi jdbi;
    private final GroupCommitWriter writer;
    private final JsonDocument<Parameters> documents;

    public JdbiPushedRequestStore(Jdbi jdbi, GroupCommitWriter writer, ObjectMapper json) {
        this.jdbi = jdbi;
        this.writer = writer;
        this.documents = new JsonDocument<>(json, Parameters.class);
    }

    @Override
    public void save(PushedRequest request) {
        // Expired requests are purged as new ones arrive, as JdbiJtiStore does: nothing else needs to clean up.
        writer.run(h -> {
            h.createUpdate("DELETE FROM openauthz_pushed_requests WHERE expires_at < now()").execute();
            return h.createUpdate("INSERT INTO openauthz_pushed_requests (signature, client_id, parameters, "
                        + "expires_at) VALUES (:sig, :client, :params, :exp)")
                .bind("sig", request.signature()).bind("client", request.clientId())
                .bind("params", documents.write(new Parameters(request.parameters())))
                .bind("exp", Timestamp.from(request.expiresAt())).execute();
        });
    }

    @Override
    public Optional<PushedRequest> consume(String signature, String clientId, Instant now) {
        return writer.run(h -> h.createQuery("DELETE FROM openauthz_pushed_requests WHERE signature = :sig "
                        + "AND client_id = :client AND expires_at > :now RETURNING parameters, expires_at")
                .bind("sig", signature).bind("client", clientId).bind("now", Timestamp.from(now))
                .map((rs, ctx) -> new PushedRequest(signature, clientId,
                        documents.read(rs.getString("parameters")).values(),
                        rs.getTimestamp("expires_at").toInstant()))
                .findOne());
    }

    @Override
    public int deleteExpired(Instant before, int limit) {
        // Outside the group commit and batched by ctid, like JdbiJtiStore.deleteExpired (decision 0006).
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM openauthz_pushed_requests WHERE ctid = ANY(ARRAY("
                        + "SELECT ctid FROM openauthz_pushed_requests WHERE expires_at < :before LIMIT :limit))")
                .bind("before", Timestamp.from(before)).bind("limit", limit).execute());
    }
}
