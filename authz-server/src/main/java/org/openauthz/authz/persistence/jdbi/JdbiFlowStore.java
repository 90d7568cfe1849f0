package org.openauthz.authz.persistence.jdbi;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatement;
import org.openauthz.authz.consent.Flow;
import org.openauthz.authz.consent.FlowState;
import org.openauthz.authz.consent.FlowSteps;
import org.openauthz.authz.consent.FlowStore;
import org.openauthz.authz.storage.Page;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** {@link FlowStore} on PostgreSQL: table {@code hydra_oauth2_flow}, the flow as a JSON text document plus lookup columns. */
public final class JdbiFlowStore extends FlowLookupsByColumn implements FlowStore {
    private static final String LISTED = "state = 'CONSENT_USED' AND consent_listed";
    /**
     * FlowJanitor.unusable in SQL: not used, or rejected. A used flow that is listed was accepted; of the others, the
     * rejected ones carry an error in their document (a used flow's login was always accepted).
     */
    private static final String UNUSABLE = "(f.state <> 'CONSENT_USED' OR (NOT f.consent_listed "
            + "AND CAST(f.data AS jsonb) #>> '{consent,error}' IS NOT NULL))";
    /**
     * FlowJanitor.deletable's second half: a flow waiting at the consent step also needs its consent request (only in
     * the document: an ISO-8601 string as the server writes it, or epoch seconds) to have started before the cutoff.
     */
    private static final String CONSENT_STARTED_BEFORE = "(f.state NOT IN ('CONSENT_INITIALIZED', 'CONSENT_UNUSED') "
            + "OR (SELECT CASE jsonb_typeof(d) WHEN 'string' THEN CAST(d #>> '{}' AS timestamptz) < :before "
            + "WHEN 'number' THEN to_timestamp(CAST(d #>> '{}' AS float8)) < :before ELSE true END "
            + "FROM (SELECT CAST(f.data AS jsonb) -> 'consent_requested_at' AS d) c))";
    private static final Timestamp BEGINNING = Timestamp.from(Instant.EPOCH);
    private static final String INSERT = "INSERT INTO hydra_oauth2_flow (login_challenge, login_verifier, "
            + "consent_challenge, consent_verifier, state, client_id, subject, requested_at, consent_remembered, "
            + "consent_listed, consent_handled_at, data) VALUES (:login_challenge, :login_verifier, :consent_challenge, "
            + ":consent_verifier, :state, :client_id, :subject, :requested_at, :consent_remembered, :consent_listed, "
            + ":consent_handled_at, :data)";
    /** The conditional write of a transition: only from the state it expects. */
    private static final String UPDATE = "UPDATE hydra_oauth2_flow SET consent_challenge = :consent_challenge, "
            + "consent_verifier = :consent_verifier, state = :state, subject = :subject, "
            + "consent_remembered = :consent_remembered, consent_listed = :consent_listed, "
            + "consent_handled_at = :consent_handled_at, data = :data "
            + "WHERE login_challenge = :login_challenge AND state = :expected";
    /** As {@link #UPDATE}, and only if the stored document is still the one the step was given (decision 0029). */
    private static final String UPDATE_UNCHANGED = UPDATE + " AND data = :unchanged_from";

    private final Jdbi jdbi;
    private final GroupCommitWriter writer;
    private final RecentDocuments<Flow> documents;
    private final RecentFlows recent = new RecentFlows();

    /** Writes go through {@code writer} (group commit), reads straight to {@code jdbi}. */
    public JdbiFlowStore(Jdbi jdbi, GroupCommitWriter writer, ObjectMapper json) {
        this.jdbi = jdbi;
        this.writer = writer;
        this.documents = new RecentDocuments<>(json, Flow.class);
    }

    @Override
    public void create(Flow flow) {
        String text = documents.write(flow);
        writer.statement("flow", new GroupCommitWriter.Statement<>(INSERT, batch -> bind(batch, flow, text),
                count -> count));
        recent.remember(flow, text);
    }

    @Override
    Optional<Flow> byColumn(String column, String value) {
        return one(column, value);
    }

    @Override
    public boolean update(Flow.Transition transition) {
        return update(transition, null);
    }

    /**
     * The conditional write of {@link FlowStore#update}; with {@code unchangedFrom} also only if the stored text is
     * still exactly that (a step that was given the flow from memory, decision 0029).
     */
    private boolean update(Flow.Transition transition, String unchangedFrom) {
        Flow next = transition.next();
        String text = documents.write(next);
        boolean written = writer.statement("flow", new GroupCommitWriter.Statement<>(
                unchangedFrom == null ? UPDATE : UPDATE_UNCHANGED,
                batch -> bind(batch, next, text).bind("expected", transition.expected().name())
                        .bind("unchanged_from", unchangedFrom),
                count -> count == 1));
        if (written) {
            recent.remember(next, text);
        }
        return written;
    }

    /**
     * Decision 0029: the step's reads are answered from {@link RecentFlows} where this server knows the flow, and its
     * write is then conditional on the stored text being exactly what the step was given. If the step fails and a
     * flow it was given from memory is not what the database holds (another replica changed or deleted it), the step
     * runs again on flows read from the database; otherwise its failure stands.
     */
    @Override
    public <T> T step(Function<FlowSteps, T> step) {
        FromMemory attempt = new FromMemory();
        try {
            return step.apply(attempt);
        } catch (RuntimeException e) {
            if (attempt.servedStale(e)) {
                return step.apply(this);
            }
            throw e;
        }
    }

    /** One attempt of a step; used by one request thread. */
    private final class FromMemory extends FlowLookupsByColumn {
        /** The flows handed out from memory, by identity, with the text they were stored as. */
        private final Map<Flow, String> served = new IdentityHashMap<>();

        @Override
        public boolean update(Flow.Transition transition) {
            String from = served.get(transition.from());
            return from == null ? JdbiFlowStore.this.update(transition) : JdbiFlowStore.this.update(transition, from);
        }

        @Override
        Optional<Flow> byColumn(String column, String value) {
            RecentFlows.Known known = recent.find(column, value);
            if (known == null) {
                return one(column, value);
            }
            served.put(known.flow(), known.text());
            return Optional.of(known.flow());
        }

        /** Whether a flow handed out from memory differs from the stored one now, beyond this server's own writes. */
        boolean servedStale(RuntimeException failure) {
            try {
                for (Flow flow : served.keySet()) {
                    Optional<String> stored = storedText("login_challenge", flow.loginChallenge());
                    if (stored.isEmpty() || !stored.get().equals(recent.latestText(flow.loginChallenge()))) {
                        return true;
                    }
                }
                return false;
            } catch (RuntimeException unreadable) {
                failure.addSuppressed(unreadable);
                return false;
            }
        }
    }


    @Override
    public Optional<Flow> latestRememberedConsent(String subject, String clientId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT data FROM hydra_oauth2_flow WHERE subject = :subject AND "
                        + "client_id = :client AND consent_remembered AND " + LISTED
                        + " ORDER BY consent_handled_at DESC LIMIT 1")
                .bind("subject", subject).bind("client", clientId)
                .map((rs, ctx) -> documents.read(rs.getString(1))).findOne());
    }

    /** {@link #latestRememberedConsent} of the session's subject, joined to the session: one round trip. */
    private static final String REMEMBERED_SIGN_IN = "SELECT s.id, s.subject, s.authenticated_at, s.remember, "
            + "f.data FROM hydra_oauth2_authentication_session s LEFT JOIN LATERAL (SELECT data FROM "
            + "hydra_oauth2_flow WHERE subject = s.subject AND client_id = :client AND consent_remembered AND "
            + LISTED + " ORDER BY consent_handled_at DESC LIMIT 1) f ON true WHERE s.id = :id";

    @Override
    public Optional<RememberedSignIn> rememberedSignIn(String loginSessionId, String clientId) {
        return jdbi.withHandle(h -> h.createQuery(REMEMBERED_SIGN_IN)
                .bind("id", loginSessionId).bind("client", clientId)
                .map((rs, ctx) -> {
                    String consent = rs.getString("data");
                    return new RememberedSignIn(JdbiLoginSessionStore.read(rs),
                            consent == null ? Optional.empty() : Optional.of(documents.read(consent)));
                }).findOne());
    }

    @Override
    public Page<Flow> consentSessions(String subject, int limit, int offset) {
        return jdbi.inTransaction(h -> {
            List<Flow> items = h.createQuery("SELECT data FROM hydra_oauth2_flow WHERE subject = :subject AND "
                            + LISTED + " ORDER BY consent_handled_at DESC LIMIT :limit OFFSET :offset")
                    .bind("subject", subject).bind("limit", limit).bind("offset", offset)
                    .map((rs, ctx) -> documents.read(rs.getString(1))).list();
            long total = h.createQuery("SELECT count(*) FROM hydra_oauth2_flow WHERE subject = :subject AND " + LISTED)
                    .bind("subject", subject).mapTo(Long.class).one();
            return new Page<>(items, total);
        });
    }

    @Override
    public List<String> deleteConsentSessions(String subject, String clientId) {
        return writer.run(h -> h.createQuery("DELETE FROM hydra_oauth2_flow WHERE subject = :subject AND "
                        + "(CAST(:client AS text) IS NULL OR client_id = :client) AND consent_challenge IS NOT NULL "
                        + "RETURNING consent_challenge")
                .bind("subject", subject).bind("client", clientId).mapTo(String.class).list());
    }

    @Override
    public Sweep deleteUnusable(Instant requestedBefore, Position after, int batchSize) {
        // Not through the group commit, like JdbiTokenStore.deleteExpired (decision 0006): one statement, one short
        // transaction of its own. The batch walks hydra_oauth2_flow_requested_at_idx in (requested_at,
        // login_challenge) order from where the previous one stopped, so kept flows are read once per run, not once
        // per batch. The DELETE re-checks its conditions on the row it locks: a flow finished meanwhile is kept.
        return jdbi.withHandle(h -> h.createQuery("WITH batch AS (SELECT login_challenge, requested_at "
                        + "FROM hydra_oauth2_flow WHERE requested_at < :before AND requested_at >= :at "
                        + "AND (requested_at, login_challenge) > (:at, :challenge) "
                        + "ORDER BY requested_at, login_challenge LIMIT :limit), "
                        + "gone AS (DELETE FROM hydra_oauth2_flow f USING batch b "
                        + "WHERE f.login_challenge = b.login_challenge AND " + UNUSABLE + " AND " + CONSENT_STARTED_BEFORE
                        + " RETURNING 1) "
                        + "SELECT (SELECT count(*) FROM batch) AS examined, (SELECT count(*) FROM gone) AS deleted, "
                        + "l.requested_at, l.login_challenge FROM (SELECT requested_at, login_challenge FROM batch "
                        + "ORDER BY requested_at DESC, login_challenge DESC LIMIT 1) l")
                .bind("before", Timestamp.from(requestedBefore))
                .bind("at", after == null ? BEGINNING : Timestamp.from(after.requestedAt()))
                .bind("challenge", after == null ? "" : after.loginChallenge())
                .bind("limit", batchSize)
                .map((rs, ctx) -> new Sweep(rs.getInt("examined"), rs.getInt("deleted"),
                        new Position(rs.getTimestamp("requested_at").toInstant(), rs.getString("login_challenge"))))
                .findOne().orElse(new Sweep(0, 0, null)));
    }

    private Optional<Flow> one(String column, String value) {
        return storedText(column, value).map(text -> {
            Flow flow = documents.read(text);
            recent.remember(flow, text);
            return flow;
        });
    }

    /** The stored document of the flow whose {@code column} equals {@code value}. */
    private Optional<String> storedText(String column, String value) {
        return jdbi.withHandle(h -> h.createQuery("SELECT data FROM hydra_oauth2_flow WHERE " + column + " = :value")
                .bind("value", value).mapTo(String.class).findOne());
    }

    @Override
    public List<String> clientsOfLoginSession(String subject, String loginSessionId) {
        // The subject index narrows it to the subject's flows; the session id lives only in the document.
        return jdbi.withHandle(h -> h.createQuery("SELECT DISTINCT client_id FROM hydra_oauth2_flow WHERE "
                        + "subject = :subject AND state IN ('CONSENT_INITIALIZED', 'CONSENT_UNUSED', 'CONSENT_USED') "
                        + "AND data::jsonb ->> 'login_session_id' = :sid ORDER BY client_id")
                .bind("subject", subject).bind("sid", loginSessionId).mapTo(String.class).list());
    }

    private <T extends SqlStatement<T>> T bind(T statement, Flow flow, String text) {
        boolean listed = flow.state() == FlowState.CONSENT_USED && flow.consent() != null
                && !flow.consent().rejected() && !flow.consentSkip();
        String subject = flow.authenticatedSubject();
        return statement.bind("login_challenge", flow.loginChallenge())
                .bind("login_verifier", flow.loginVerifier())
                .bind("consent_challenge", flow.consentChallenge())
                .bind("consent_verifier", flow.consentVerifier())
                .bind("state", flow.state().name())
                .bind("client_id", flow.clientId())
                .bind("subject", subject == null ? "" : subject)
                .bind("requested_at", Timestamp.from(flow.requestedAt()))
                .bind("consent_remembered", listed && flow.consent().remember())
                .bind("consent_listed", listed)
                .bind("consent_handled_at", flow.consent() == null || flow.consent().handledAt() == null ? null
                        : Timestamp.from(flow.consent().handledAt()))
                .bind("data", text);
    }
}
