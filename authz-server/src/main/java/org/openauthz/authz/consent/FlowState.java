package org.openauthz.authz.consent;

/**
 * The states of one login-and-consent flow (Hydra v1.10's flow states, {@code flow/flow.go}). Each transition is a
 * method of {@link Flow} that throws {@link FlowStateException} when called in the wrong state, and stores persist
 * transitions with {@code UPDATE ... WHERE state = expected}, so every verifier works exactly once.
 *
 * <pre>
 * LOGIN_INITIALIZED --accept/reject login (admin)--> LOGIN_UNUSED --login_verifier at /oauth2/auth--> LOGIN_USED
 *     LOGIN_USED --redirect to consent UI--> CONSENT_INITIALIZED
 *     CONSENT_INITIALIZED --accept/reject consent (admin)--> CONSENT_UNUSED
 *     CONSENT_UNUSED --consent_verifier at /oauth2/auth--> CONSENT_USED (tokens or code issued)
 * LOGIN_UNUSED and CONSENT_UNUSED may be accepted or rejected again until their verifier is used.
 * </pre>
 * Stores see LOGIN_UNUSED go straight to CONSENT_INITIALIZED in one conditional update when the login checks pass;
 * LOGIN_USED is stored only when they fail, which spends the verifier all the same (decision 0006).
 */
public enum FlowState {
    LOGIN_INITIALIZED,
    LOGIN_UNUSED,
    LOGIN_USED,
    CONSENT_INITIALIZED,
    CONSENT_UNUSED,
    CONSENT_USED;

    public boolean loginVerifierUsed() {
        return ordinal() >= LOGIN_USED.ordinal();
    }

    public boolean consentVerifierUsed() {
        return this == CONSENT_USED;
    }
}
