package dev.twinledger.policies.rules;

import java.util.Objects;

/**
 * The rule lets the change go ahead.
 *
 * @param rule the name of the rule that allowed it, e.g. {@code NoEscalation}; not null
 */
public record Allowance(String rule) implements Verdict {

    /** Checks for null. */
    public Allowance {
        Objects.requireNonNull(rule, "rule");
    }

    @Override
    public boolean isAllowed() {
        return true;
    }
}
