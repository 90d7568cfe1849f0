package org.openauthz.authz.consent;

import java.util.Optional;

/**
 * What one step of a sign-in reads and writes of its flow: the flow by one of its challenges or verifiers, and the
 * conditional write of the transition it makes ({@link FlowStore#update}). A step runs through
 * {@link FlowStore#step}, which may answer the reads with the flow as this server last wrote it instead of reading
 * it again (decision 0029).
 */
public interface FlowSteps {
    Optional<Flow> byLoginChallenge(String challenge);

    Optional<Flow> byConsentChallenge(String challenge);

    Optional<Flow> byLoginVerifier(String verifier);

    Optional<Flow> byConsentVerifier(String verifier);

    /**
     * Writes the transition's new flow if the stored flow is still in the state the transition started from (and,
     * when the step was given the flow from memory, still exactly that flow); false (nothing written) otherwise.
     */
    boolean update(Flow.Transition transition);
}
