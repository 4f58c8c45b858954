package dev.twinledger.commandside.inventory;

import dev.twinledger.api.ResourceIds;
import dev.twinledger.commandside.domain.RuleViolation;

/**
 * Input rules the aggregates enforce themselves. The web edge checks the same rules first (and answers 400), but a
 * command can reach an aggregate by other routes, so the aggregate never trusts its caller.
 */
final class Checks {

    static final int MAX_NAME_LENGTH = 200;

    private Checks() {
    }

    static void id(String value, String field) {
        if (!ResourceIds.isValid(value)) {
            throw new RuleViolation(field + " '" + value + "' is not a valid id (" + ResourceIds.REGEX + ")");
        }
    }

    static void name(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new RuleViolation(field + " must not be blank");
        }
        if (value.length() > MAX_NAME_LENGTH) {
            throw new RuleViolation(field + " must be at most " + MAX_NAME_LENGTH + " characters");
        }
    }

    static void positive(long value, String field) {
        if (value <= 0) {
            throw new RuleViolation(field + " must be positive, was " + value);
        }
    }

    static void present(Object value, String field) {
        if (value == null) {
            throw new RuleViolation(field + " is required");
        }
    }
}
