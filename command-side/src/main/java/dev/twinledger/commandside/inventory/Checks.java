package dev.twinledger.commandside.inventory;

import dev.twinledger.api.ResourceIds;
import dev.twinledger.commandside.domain.RuleViolation;

/**
 * Input rules the aggregates enforce themselves. The web edge checks the same rules first (and answers 400), but a
 * command can reach an aggregate by other routes, so the aggregate never trusts its caller. Public because the
 * aggregates of other features (object storage) keep the same rules; each check throws {@link RuleViolation} naming
 * the field.
 */
public final class Checks {

    public static final int MAX_NAME_LENGTH = 200;

    private Checks() {
    }

    public static void id(String value, String field) {
        if (!ResourceIds.isValid(value)) {
            throw new RuleViolation(field + " '" + value + "' is not a valid id (" + ResourceIds.REGEX + ")");
        }
    }

    public static void name(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new RuleViolation(field + " must not be blank");
        }
        if (value.length() > MAX_NAME_LENGTH) {
            throw new RuleViolation(field + " must be at most " + MAX_NAME_LENGTH + " characters");
        }
    }

    /** Optional free text: {@code null} passes, anything longer than {@code maxLength} characters does not. */
    public static void atMost(String value, int maxLength, String field) {
        if (value != null && value.length() > maxLength) {
            throw new RuleViolation(field + " must be at most " + maxLength + " characters, was " + value.length());
        }
    }

    public static void positive(long value, String field) {
        if (value <= 0) {
            throw new RuleViolation(field + " must be positive, was " + value);
        }
    }

    public static void present(Object value, String field) {
        if (value == null) {
            throw new RuleViolation(field + " is required");
        }
    }
}
