package dev.twinledger.policies.rules;

import dev.twinledger.policies.grant.AccessState;
import dev.twinledger.policies.grant.Grant;
import dev.twinledger.policies.grant.Principal;
import dev.twinledger.policies.permission.Permissions;
import dev.twinledger.policies.role.RoleCatalog;

import java.time.Instant;

/**
 * A grant of a privileged role takes effect only once a second person approves it: someone who is neither the
 * requester nor a beneficiary (the grantee, or a member of the grantee group at any time the grant is valid), and
 * who holds {@code grant:approve} now on a scope containing the grant's scope. Which roles are privileged is the
 * {@link RoleCatalog}'s to say.
 */
public final class SecondPersonApproval {

    /** The rule's name in verdicts. */
    public static final String NAME = "SecondPersonApproval";

    /** Whether a grant of {@code role} needs a second person's approval under {@code roles}. */
    public boolean requiresApproval(String role, RoleCatalog roles) {
        return roles.isPrivileged(role);
    }

    /**
     * Judges {@code approver} approving {@code grant} at {@code at}.
     *
     * @param grant    the pending grant; not null
     * @param approver the approving user; not null
     * @param state    the current state; not null
     * @param at       now; not null
     */
    public Verdict check(Grant grant, String approver, AccessState state, Instant at) {
        if (approver.equals(grant.requester())) {
            return Rejection.of(NAME, "grant " + grant.id() + " was requested by " + approver
                    + ", who cannot also approve it");
        }
        Principal grantee = grant.principal();
        if (grantee.equals(Principal.user(approver))) {
            return Rejection.of(NAME, approver + " cannot approve grant " + grant.id() + " to themselves");
        }
        boolean member = state.membershipsOf(approver).stream()
                .anyMatch(membership -> membership.group().equals(grantee)
                        && membership.validity().overlaps(grant.validity()));
        if (member) {
            return Rejection.of(NAME, approver + " is a member of " + grantee + " and cannot approve grant "
                    + grant.id() + " to it");
        }
        if (!new Authority(state, approver, at).holdsNow(Permissions.GRANT_APPROVE, grant.scope())) {
            return Rejection.of(NAME, Principal.user(approver) + " does not hold " + Permissions.GRANT_APPROVE
                    + " on a scope containing " + grant.scope());
        }
        return new Allowance(NAME);
    }
}
