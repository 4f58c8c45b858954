package dev.twinledger.policies.grant;

import dev.twinledger.policies.scope.Scope;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A role given to a principal on a scope for a validity interval, with its lifecycle: requested, approved when the
 * role needed a second person, revoked. The lifecycle carries its instants, so a grant answers for any moment:
 * before {@code requested.at()} it does not exist yet, until {@code approved.at()} it is pending, from
 * {@code revoked.at()} on it is revoked; in between it counts while {@code validity} contains the moment.
 *
 * @param id               the grant's id; not blank
 * @param principal        who holds it; not null
 * @param role             the role's name, looked up in the role catalog at the time of a check; not blank
 * @param scope            where it applies; not null
 * @param validity         when it applies; not null
 * @param justification    why it was requested; not null
 * @param approvalRequired whether a second person must approve it (its role was privileged when requested)
 * @param requested        who requested (granted) it, when, through which event; not null
 * @param approved         who approved it, when, through which event; null while pending and when no approval was
 *                         required; not before {@code requested}
 * @param revoked          who revoked it, when, through which event; null unless revoked; not before
 *                         {@code requested}
 */
public record Grant(String id, Principal principal, String role, Scope scope, Validity validity,
                    Justification justification, boolean approvalRequired, EventStamp requested,
                    EventStamp approved, EventStamp revoked) {

    /**
     * Checks the fields: null where not allowed gives {@link NullPointerException}, inconsistency
     * {@link IllegalArgumentException}.
     */
    public Grant {
        Principal.requireId(id, "grant id");
        Objects.requireNonNull(principal, "principal");
        Principal.requireId(role, "role");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(validity, "validity");
        Objects.requireNonNull(justification, "justification");
        Objects.requireNonNull(requested, "requested");
        if (approved != null) {
            if (!approvalRequired) {
                throw new IllegalArgumentException("grant " + id + " needs no approval but was approved");
            }
            requireNotBefore(approved, requested, "approved");
        }
        if (revoked != null) {
            requireNotBefore(revoked, requested, "revoked");
        }
    }

    /** A newly requested grant: not approved, not revoked. */
    public static Grant requested(String id, Principal principal, String role, Scope scope, Validity validity,
                                  Justification justification, boolean approvalRequired, EventStamp requested) {
        return new Grant(id, principal, role, scope, validity, justification, approvalRequired, requested, null,
                null);
    }

    /**
     * This grant approved.
     *
     * @throws IllegalStateException when it needs no approval, is already approved or is revoked
     */
    public Grant approve(EventStamp approval) {
        if (status() != GrantStatus.PENDING_APPROVAL) {
            throw new IllegalStateException("grant " + id + " is " + status() + ", not pending approval");
        }
        return new Grant(id, principal, role, scope, validity, justification, true, requested,
                Objects.requireNonNull(approval, "approval"), null);
    }

    /**
     * This grant revoked (for a pending one: its request rejected).
     *
     * @throws IllegalStateException when it is already revoked
     */
    public Grant revoke(EventStamp revocation) {
        if (revoked != null) {
            throw new IllegalStateException("grant " + id + " is already revoked");
        }
        return new Grant(id, principal, role, scope, validity, justification, approvalRequired, requested, approved,
                Objects.requireNonNull(revocation, "revocation"));
    }

    /** The status after every recorded event. */
    public GrantStatus status() {
        if (revoked != null) {
            return GrantStatus.REVOKED;
        }
        return approvalRequired && approved == null ? GrantStatus.PENDING_APPROVAL : GrantStatus.ACTIVE;
    }

    /** The status at {@code at}, counting only the events recorded by then. Meaningful once {@link #existsAt}. */
    public GrantStatus statusAt(Instant at) {
        if (revoked != null && !at.isBefore(revoked.at())) {
            return GrantStatus.REVOKED;
        }
        if (approvalRequired && (approved == null || at.isBefore(approved.at()))) {
            return GrantStatus.PENDING_APPROVAL;
        }
        return GrantStatus.ACTIVE;
    }

    /** Whether the grant had been requested by {@code at}. */
    public boolean existsAt(Instant at) {
        return !at.isBefore(requested.at());
    }

    /** The user who requested it. */
    public String requester() {
        return requested.actor();
    }

    /** The user who approved it, if anyone has. */
    public Optional<String> approver() {
        return Optional.ofNullable(approved).map(EventStamp::actor);
    }

    private void requireNotBefore(EventStamp later, EventStamp earlier, String what) {
        if (later.at().isBefore(earlier.at())) {
            throw new IllegalArgumentException("grant " + id + " " + what + " before it was requested");
        }
    }
}
