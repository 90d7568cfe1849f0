package org.openauthz.authz.persistence.jdbi;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.Update;
import org.openauthz.authz.client.ClientStore;
import org.openauthz.authz.client.OAuth2Client;
import org.openauthz.authz.client.StoredClient;
import org.openauthz.authz.storage.Page;

import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

/**
 * {@link ClientStore} on PostgreSQL: table {@code hydra_client}, metadata as one jsonb document. Every write also
 * sends a {@link ChangeNotice} in its transaction, so the client caches of all replicas drop the client when it
 * commits (decision 0008); a create too, so no replica can keep a "no such client" it read just before. Writes go
 * through the group commit (decision 0006): the notice is sent in the unit, so it commits (or rolls back) with the
 * batch holding the write.
 */
public final class JdbiClientStore implements ClientStore {
    private static final String COLUMNS = "data, secret_hash, previous_secret_hash, previous_secret_expires_at, "
            + "registration_access_token_hash";
    /** Everything but the registration access token hash, which only registration and an update replace. */
    private static final String UPDATE_SECRET_AND_METADATA = "UPDATE hydra_client SET client_name = :name, "
            + "owner = :owner, secret_hash = :hash, data = CAST(:data AS jsonb), created_at = :created, "
            + "updated_at = :updated, previous_secret_hash = :previousHash, "
            + "previous_secret_expires_at = :previousExpiresAt ";
    private static final String UPDATE = UPDATE_SECRET_AND_METADATA.trim()
            + ", registration_access_token_hash = :registrationHash ";

    private final Jdbi jdbi;
    private final GroupCommitWriter writer;
    private final JsonDocument<OAuth2Client> documents;

    /** Writes go through {@code writer} (group commit), reads straight to {@code jdbi}. */
    public JdbiClientStore(Jdbi jdbi, GroupCommitWriter writer, ObjectMapper json) {
        this.jdbi = jdbi;
        this.writer = writer;
        this.documents = new JsonDocument<>(json, OAuth2Client.class);
    }

    @Override
    public void create(StoredClient client) {
        writer.run("client " + client.id(), h -> {
            bind(h.createUpdate("INSERT INTO hydra_client (id, client_name, owner, secret_hash, data, "
                    + "created_at, updated_at, previous_secret_hash, previous_secret_expires_at, "
                    + "registration_access_token_hash) VALUES (:id, :name, :owner, :hash, CAST(:data AS jsonb), "
                    + ":created, :updated, :previousHash, :previousExpiresAt, :registrationHash)"), client)
                    .execute();
            ChangeNotice.clientChanged(h, client.id());
            return null;
        });
    }

    @Override
    public Optional<StoredClient> find(String clientId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM hydra_client WHERE id = :id")
                .bind("id", clientId).map(this::row).findOne());
    }

    @Override
    public boolean update(StoredClient client) {
        return writeAndNotify(client.id(), h -> bind(h.createUpdate(UPDATE + "WHERE id = :id"), client));
    }

    @Override
    public boolean updateIfRegistrationToken(StoredClient client, String expectedRegistrationTokenHash) {
        return writeAndNotify(client.id(), h -> bind(h.createUpdate(UPDATE + "WHERE id = :id "
                + "AND registration_access_token_hash = :expected"), client)
                .bind("expected", expectedRegistrationTokenHash));
    }

    @Override
    public boolean rotateSecret(StoredClient rotated, String expectedHash) {
        // The registration access token hash is left as stored: an RFC 7592 update may have replaced it meanwhile.
        return writeAndNotify(rotated.id(), h -> bindSecretAndMetadata(h.createUpdate(UPDATE_SECRET_AND_METADATA
                + "WHERE id = :id AND secret_hash = :expected"), rotated).bind("expected", expectedHash));
    }

    @Override
    public boolean replaceSecretHash(String clientId, String expectedHash, String newHash) {
        return writeAndNotify(clientId, h -> h.createUpdate("UPDATE hydra_client SET secret_hash = :hash "
                + "WHERE id = :id AND secret_hash = :expected")
                .bind("hash", newHash).bind("id", clientId).bind("expected", expectedHash));
    }

    /** Runs {@code statement} in the group commit and, when it changed a row, sends the client's change notice. */
    private boolean writeAndNotify(String clientId,
                                   java.util.function.Function<org.jdbi.v3.core.Handle, Update> statement) {
        return writer.run(h -> {
            boolean changed = statement.apply(h).execute() > 0;
            if (changed) {
                ChangeNotice.clientChanged(h, clientId);
            }
            return changed;
        });
    }

    @Override
    public boolean delete(String clientId) {
        // Tokens cascade through their foreign keys.
        return writer.run(h -> {
            boolean deleted = h.createUpdate("DELETE FROM hydra_client WHERE id = :id").bind("id", clientId)
                    .execute() > 0;
            if (deleted) {
                ChangeNotice.clientChanged(h, clientId);
            }
            return deleted;
        });
    }

    @Override
    public Page<StoredClient> list(int limit, int offset, String clientName, String owner) {
        String where = " WHERE (CAST(:name AS text) IS NULL OR client_name = :name)"
                + " AND (CAST(:owner AS text) IS NULL OR owner = :owner)";
        return jdbi.inTransaction(h -> {
            Query page = h.createQuery("SELECT " + COLUMNS + " FROM hydra_client" + where
                    + " ORDER BY id LIMIT :limit OFFSET :offset");
            List<StoredClient> items = page.bind("name", clientName).bind("owner", owner).bind("limit", limit)
                    .bind("offset", offset)
                    .map(this::row).list();
            long total = h.createQuery("SELECT count(*) FROM hydra_client" + where).bind("name", clientName)
                    .bind("owner", owner).mapTo(Long.class).one();
            return new Page<>(items, total);
        });
    }

    private <T extends org.jdbi.v3.core.statement.SqlStatement<T>> T bind(T statement, StoredClient stored) {
        return bindSecretAndMetadata(statement, stored).bind("registrationHash", stored.registrationTokenHash());
    }

    private <T extends org.jdbi.v3.core.statement.SqlStatement<T>> T bindSecretAndMetadata(T statement,
                                                                                          StoredClient stored) {
        OAuth2Client c = stored.client();
        return statement.bind("id", c.clientId())
                .bind("name", c.clientName() == null ? "" : c.clientName())
                .bind("owner", c.owner() == null ? "" : c.owner())
                .bind("hash", stored.secretHash())
                .bind("previousHash", stored.previousSecretHash())
                .bind("previousExpiresAt", stored.previousSecretExpiresAt() == null ? null
                        : Timestamp.from(stored.previousSecretExpiresAt()))
                .bind("data", documents.write(c))
                .bind("created", Timestamp.from(c.createdAt()))
                .bind("updated", Timestamp.from(c.updatedAt()));
    }

    private StoredClient row(java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
            throws java.sql.SQLException {
        Timestamp previousExpiresAt = rs.getTimestamp("previous_secret_expires_at");
        return new StoredClient(documents.read(rs.getString("data")), rs.getString("secret_hash"),
                rs.getString("previous_secret_hash"), previousExpiresAt == null ? null : previousExpiresAt.toInstant(),
                rs.getString("registration_access_token_hash"));
    }
}
