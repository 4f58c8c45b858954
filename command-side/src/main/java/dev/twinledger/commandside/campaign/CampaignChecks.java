package dev.twinledger.commandside.campaign;

import dev.twinledger.api.ResourceIds;
import dev.twinledger.commandside.domain.RuleViolation;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Input rules the campaign enforces itself. The web edge checks the shapes first (400), but the saga and other
 * senders reach the aggregate directly, so it never trusts its caller.
 */
final class CampaignChecks {

    static final int MAX_NAME_LENGTH = 200;
    static final int MAX_VERSION_LENGTH = 100;
    static final int MAX_REASON_LENGTH = 500;
    static final int MIN_ATTEMPTS = 1;
    static final int MAX_ATTEMPTS = 10;

    private CampaignChecks() {
    }

    static void id(String value, String field) {
        if (!ResourceIds.isValid(value)) {
            throw new RuleViolation(field + " '" + value + "' is not a valid id (" + ResourceIds.REGEX + ")");
        }
    }

    static void text(String value, String field, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new RuleViolation(field + " must not be blank");
        }
        if (value.length() > maxLength) {
            throw new RuleViolation(field + " must be at most " + maxLength + " characters");
        }
    }

    /** Every element a valid id, none twice; null reads as empty. */
    static List<String> distinctIds(List<String> values, String field) {
        if (values == null) {
            return List.of();
        }
        Set<String> seen = new HashSet<>();
        for (String value : values) {
            id(value, field + "[]");
            if (!seen.add(value)) {
                throw new RuleViolation(field + " names host '" + value + "' twice");
            }
        }
        return List.copyOf(values);
    }
}
