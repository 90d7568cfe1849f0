package org.openauthz.authz.persistence.jdbi;

import org.openauthz.authz.consent.Flow;
import org.openauthz.authz.consent.FlowSteps;

import java.util.Optional;

/**
 * The four lookups of a flow, each the flow whose column holds the value: how {@link JdbiFlowStore} reads them from
 * the database and how its steps read them from memory (decision 0029).
 */
abstract class FlowLookupsByColumn implements FlowSteps {
    /** The flow whose {@code column} (a column of {@code hydra_oauth2_flow}) equals {@code value}. */
    abstract Optional<Flow> byColumn(String column, String value);

    @Override
    public Optional<Flow> byLoginChallenge(String challenge) {
        return byColumn("login_challenge", challenge);
    }

    @Override
    public Optional<Flow> byConsentChallenge(String challenge) {
        return byColumn("consent_challenge", challenge);
    }

    @Override
    public Optional<Flow> byLoginVerifier(String verifier) {
        return byColumn("login_verifier", verifier);
    }

    @Override
    public Optional<Flow> byConsentVerifier(String verifier) {
        return byColumn("consent_verifier", verifier);
    }
}
