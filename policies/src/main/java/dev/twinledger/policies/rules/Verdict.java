package dev.twinledger.policies.rules;

/** What a rule says about a proposed change: {@link Allowance} or {@link Rejection}. */
public sealed interface Verdict permits Allowance, Rejection {

    /** Whether the change may go ahead. */
    boolean isAllowed();
}
