package org.openauthz.authz.consent;

/** A transition was asked for in a state that does not allow it (e.g. a verifier used twice). */
public final class FlowStateException extends RuntimeException {
    private final FlowState actual;

    public FlowStateException(String transition, FlowState actual) {
        super("cannot " + transition + " in state " + actual, null, false, false);
        this.actual = actual;
    }

    public FlowState actual() {
        return actual;
    }
}
