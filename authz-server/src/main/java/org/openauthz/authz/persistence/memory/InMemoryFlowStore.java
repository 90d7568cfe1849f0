package org.openauthz.authz.persistence.memory;

import org.openauthz.authz.consent.Flow;
import org.openauthz.authz.consent.FlowJanitor;
import org.openauthz.authz.consent.FlowState;
import org.openauthz.authz.consent.FlowStore;
import org.openauthz.authz.storage.DuplicateKeyException;
import org.openauthz.authz.storage.Page;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/** {@link FlowStore} over {@link InMemoryDatabase}. */
public final class InMemoryFlowStore implements FlowStore {
    private static final Comparator<Flow> NEWEST_CONSENT_FIRST = Comparator.comparing(
            (Flow f) -> f.consent().handledAt(), Comparator.nullsLast(Comparator.reverseOrder()));

    private final InMemoryDatabase db;

    public InMemoryFlowStore(InMemoryDatabase db) {
        this.db = db;
    }

    @Override
    public void create(Flow flow) {
        synchronized (db) {
            if (!db.clients.containsKey(flow.clientId())) {
                throw new IllegalStateException("client " + flow.clientId() + " does not exist");
            }
            if (db.flows.putIfAbsent(flow.loginChallenge(), flow) != null) {
                throw new DuplicateKeyException("flow exists");
            }
        }
    }

    @Override
    public Optional<Flow> byLoginChallenge(String challenge) {
        synchronized (db) {
            return Optional.ofNullable(db.flows.get(challenge));
        }
    }

    @Override
    public Optional<Flow> byConsentChallenge(String challenge) {
        return first(f -> Objects.equals(f.consentChallenge(), challenge));
    }

    @Override
    public Optional<Flow> byLoginVerifier(String verifier) {
        return first(f -> Objects.equals(f.loginVerifier(), verifier));
    }

    @Override
    public Optional<Flow> byConsentVerifier(String verifier) {
        return first(f -> Objects.equals(f.consentVerifier(), verifier));
    }

    @Override
    public boolean update(Flow.Transition transition) {
        Flow next = transition.next();
        synchronized (db) {
            Flow current = db.flows.get(next.loginChallenge());
            if (current == null || current.state() != transition.expected()) {
                return false;
            }
            db.flows.put(next.loginChallenge(), next);
            return true;
        }
    }

    @Override
    public Optional<Flow> latestRememberedConsent(String subject, String clientId) {
        synchronized (db) {
            return db.flows.values().stream()
                    .filter(f -> listed(f) && f.consent().remember() && subject.equals(f.authenticatedSubject())
                            && clientId.equals(f.clientId()))
                    .min(NEWEST_CONSENT_FIRST);
        }
    }

    @Override
    public Optional<RememberedSignIn> rememberedSignIn(String loginSessionId, String clientId) {
        return Optional.ofNullable(db.loginSessions.get(loginSessionId)).map(session -> new RememberedSignIn(session,
                session.subject() == null ? Optional.empty() : latestRememberedConsent(session.subject(), clientId)));
    }

    @Override
    public Page<Flow> consentSessions(String subject, int limit, int offset) {
        synchronized (db) {
            List<Flow> all = db.flows.values().stream()
                    .filter(f -> listed(f) && subject.equals(f.authenticatedSubject()))
                    .sorted(NEWEST_CONSENT_FIRST).toList();
            return new Page<>(all.stream().skip(offset).limit(limit).toList(), all.size());
        }
    }

    @Override
    public List<String> deleteConsentSessions(String subject, String clientId) {
        synchronized (db) {
            List<Flow> doomed = db.flows.values().stream()
                    .filter(f -> subject.equals(f.authenticatedSubject())
                            && (clientId == null || clientId.equals(f.clientId())) && f.consentChallenge() != null)
                    .toList();
            doomed.forEach(f -> db.flows.remove(f.loginChallenge()));
            return doomed.stream().map(Flow::consentChallenge).toList();
        }
    }

    @Override
    public Sweep deleteUnusable(Instant requestedBefore, Position after, int batchSize) {
        Comparator<Flow> order = Comparator.comparing(Flow::requestedAt).thenComparing(Flow::loginChallenge);
        synchronized (db) {
            List<Flow> batch = db.flows.values().stream()
                    .filter(f -> f.requestedAt().isBefore(requestedBefore))
                    .filter(f -> after == null || f.requestedAt().isAfter(after.requestedAt())
                            || f.requestedAt().equals(after.requestedAt())
                            && f.loginChallenge().compareTo(after.loginChallenge()) > 0)
                    .sorted(order).limit(batchSize).toList();
            if (batch.isEmpty()) {
                return new Sweep(0, 0, null);
            }
            List<Flow> doomed = batch.stream().filter(f -> FlowJanitor.deletable(f, requestedBefore)).toList();
            doomed.forEach(f -> db.flows.remove(f.loginChallenge()));
            Flow last = batch.get(batch.size() - 1);
            return new Sweep(batch.size(), doomed.size(), new Position(last.requestedAt(), last.loginChallenge()));
        }
    }

    @Override
    public List<String> clientsOfLoginSession(String subject, String loginSessionId) {
        synchronized (db) {
            return db.flows.values().stream()
                    .filter(f -> subject.equals(f.authenticatedSubject()) && loginSessionId.equals(f.loginSessionId())
                            && f.state().ordinal() >= FlowState.CONSENT_INITIALIZED.ordinal())
                    .map(Flow::clientId).distinct().sorted().toList();
        }
    }

    /** A consent session as the admin API lists it: used, accepted, not itself skipped. */
    static boolean listed(Flow f) {
        return f.state() == FlowState.CONSENT_USED && f.consent() != null && !f.consent().rejected() && !f.consentSkip();
    }

    private Optional<Flow> first(Predicate<Flow> predicate) {
        synchronized (db) {
            return db.flows.values().stream().filter(predicate).findFirst();
        }
    }
}
