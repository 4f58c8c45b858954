package dev.twinledger.policies.rules;

import java.util.Objects;

/**
 * The rule refuses the change.
 *
 * @param rule               the name of the rule that refused it, e.g. {@code SeparationOfDuties}; not null
 * @param reason             a sentence for the caller and the audit log; not null
 * @param conflictingGrantId the existing grant the change conflicts with, or null when the refusal is not about
 *                           another grant
 */
public record Rejection(String rule, String reason, String conflictingGrantId) implements Verdict {

    /** Checks for nulls. */
    public Rejection {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(reason, "reason");
    }

    /** A rejection that names no other grant. */
    public static Rejection of(String rule, String reason) {
        return new Rejection(rule, reason, null);
    }

    @Override
    public boolean isAllowed() {
        return false;
    }
}
