package dev.twinledger.commandside.access;

import dev.twinledger.api.access.AccessScope;
import dev.twinledger.commandside.domain.AccessRefused;
import dev.twinledger.policies.grant.AccessState;
import dev.twinledger.policies.history.AccessValues;
import dev.twinledger.policies.permission.Permission;
import dev.twinledger.policies.rules.Authority;
import dev.twinledger.policies.rules.Rejection;
import dev.twinledger.policies.rules.Verdict;
import dev.twinledger.policies.scope.Scope;
import java.time.Instant;
import java.util.Locale;

/** Turns the policies' answers into refusals the web edge records and answers (403, or 409 for SoD). */
final class AccessRules {

    private AccessRules() {
    }

    /**
     * Requires that {@code user} holds {@code permission} now on a scope containing {@code scope}.
     *
     * @param resourceType the kind of thing acted on, for the refusal ({@code role}, {@code group}, {@code grant}, ...)
     * @param resourceId   its id, or null
     */
    static void require(AccessState state, String user, Instant now, Permission permission, Scope scope,
                        String resourceType, String resourceId) {
        if (!new Authority(state, user, now).holdsNow(permission, scope)) {
            throw new AccessRefused(AccessRefused.MISSING_PERMISSION, permission.toString(), resourceType, resourceId,
                    AccessValues.scope(scope), null, user + " does not hold " + permission + " on a scope containing "
                    + describe(scope) + " now");
        }
    }

    /** Throws the refusal for a rejected verdict; does nothing for an allowance. */
    static void enforce(Verdict verdict, Permission permission, String resourceType, String resourceId,
                        AccessScope where) {
        if (verdict instanceof Rejection rejection) {
            throw new AccessRefused(ruleName(rejection.rule()), permission.toString(), resourceType, resourceId,
                    where, rejection.conflictingGrantId(), rejection.reason());
        }
    }

    /** {@code SeparationOfDuties} -> {@code separation-of-duties}, the form the refusal and its event carry. */
    static String ruleName(String rule) {
        return rule.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    static String describe(Scope scope) {
        return scope.isEverywhere() ? "everywhere" : scope.toString();
    }
}
