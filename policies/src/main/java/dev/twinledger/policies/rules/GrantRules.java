package dev.twinledger.policies.rules;

import dev.twinledger.policies.grant.AccessState;
import dev.twinledger.policies.grant.Grant;
import dev.twinledger.policies.role.RoleCatalog;

import java.time.Instant;
import java.util.Objects;

/**
 * The rules a command handler applies before changing access, in order, stopping at the first rejection:
 * <ul>
 *   <li>a grant request: authority ({@link NoEscalation}, or failing that {@link Delegation}), then
 *       {@link SeparationOfDuties};</li>
 *   <li>an approval: {@link SecondPersonApproval}, then {@link SeparationOfDuties} again;</li>
 *   <li>a membership: {@link NoEscalation}, then {@link SeparationOfDuties}.</li>
 * </ul>
 * Revocation needs only the {@code grant:revoke} permission, which is a plain check.
 *
 * @param separationOfDuties the conflicting role pairs; not null
 * @param delegation         which roles may be delegated; not null
 */
public record GrantRules(SeparationOfDuties separationOfDuties, Delegation delegation) {

    private static final NoEscalation NO_ESCALATION = new NoEscalation();
    private static final SecondPersonApproval SECOND_PERSON = new SecondPersonApproval();

    /** Checks for nulls. */
    public GrantRules {
        Objects.requireNonNull(separationOfDuties, "separationOfDuties");
        Objects.requireNonNull(delegation, "delegation");
    }

    /** The default separation-of-duties pairs and delegable roles. */
    public static GrantRules defaults() {
        return new GrantRules(SeparationOfDuties.defaults(), Delegation.defaults());
    }

    /** Whether a grant of {@code role} must wait for a second person's approval. */
    public boolean requiresApproval(String role, RoleCatalog roles) {
        return SECOND_PERSON.requiresApproval(role, roles);
    }

    /** Judges a grant request. A rejection for lack of authority says why it is neither a grant nor a delegation. */
    public Verdict request(GrantRequest request, AccessState state) {
        Verdict authority = NO_ESCALATION.check(request, state);
        if (authority instanceof Rejection refused
                && delegation.check(request, state) instanceof Rejection notDelegable) {
            return new Rejection(refused.rule(), refused.reason() + "; nor may it be delegated: "
                    + notDelegable.reason(), null);
        }
        return separationOfDuties.check(request, state);
    }

    /** Judges {@code approver} approving the pending {@code grant} at {@code at}. */
    public Verdict approval(Grant grant, String approver, AccessState state, Instant at) {
        Verdict approval = SECOND_PERSON.check(grant, approver, state, at);
        return approval.isAllowed() ? separationOfDuties.check(grant, state) : approval;
    }

    /** Judges adding a user to a group. */
    public Verdict membership(MembershipRequest request, AccessState state) {
        Verdict authority = NO_ESCALATION.checkMembership(request, state);
        return authority.isAllowed() ? separationOfDuties.checkMembership(request, state) : authority;
    }
}
