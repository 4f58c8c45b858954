package dev.twinledger.policies.rules;

import dev.twinledger.policies.grant.AccessState;
import dev.twinledger.policies.grant.Grant;
import dev.twinledger.policies.grant.GrantPath;
import dev.twinledger.policies.grant.GrantStatus;
import dev.twinledger.policies.grant.GroupMembership;
import dev.twinledger.policies.grant.Principal;
import dev.twinledger.policies.grant.Validity;
import dev.twinledger.policies.role.DefaultRoles;
import dev.twinledger.policies.scope.Scope;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Configured pairs of roles one principal must not hold on overlapping scopes at overlapping times, whether
 * directly or through groups. Every grant not revoked counts, pending ones included (they may yet be approved), at
 * any time its validity and membership allow. The rejection names the conflicting grant.
 *
 * @param pairs the conflicting role pairs; not null, copied unmodifiable
 */
public record SeparationOfDuties(Set<RolePair> pairs) {

    /** The rule's name in verdicts. */
    public static final String NAME = "SeparationOfDuties";

    /** Copies the set. */
    public SeparationOfDuties {
        pairs = Set.copyOf(Objects.requireNonNull(pairs, "pairs"));
    }

    /** No one audits their own work: {@code auditor} conflicts with {@code access-admin} and {@code platform-admin}. */
    public static SeparationOfDuties defaults() {
        return new SeparationOfDuties(Set.of(
                new RolePair(DefaultRoles.ACCESS_ADMIN, DefaultRoles.AUDITOR),
                new RolePair(DefaultRoles.PLATFORM_ADMIN, DefaultRoles.AUDITOR)));
    }

    /** Whether {@code a} and {@code b} are a configured conflicting pair. */
    public boolean conflict(String a, String b) {
        return !a.equals(b) && pairs.contains(new RolePair(a, b));
    }

    /** Judges a grant request: neither the grantee nor, for a group, any of its members may end up with a pair. */
    public Verdict check(GrantRequest request, AccessState state) {
        return checkGrant(request.grantee(), request.role(), request.scope(), request.validity(), null, state);
    }

    /** Judges a pending grant again (at approval, since the state may have changed since the request). */
    public Verdict check(Grant grant, AccessState state) {
        return checkGrant(grant.principal(), grant.role(), grant.scope(), grant.validity(), grant.id(), state);
    }

    /** Judges adding a user to a group: none of the group's grants may conflict with what the user holds otherwise. */
    public Verdict checkMembership(MembershipRequest request, AccessState state) {
        Principal user = Principal.user(request.userId());
        for (Grant grant : state.grantsOf(Principal.group(request.groupId()))) {
            Optional<Validity> window = grant.validity().intersection(request.validity());
            if (grant.status() == GrantStatus.REVOKED || window.isEmpty()) {
                continue;
            }
            Optional<Rejection> conflict = firstConflict(user, state.pathsOf(user), grant.role(), grant.scope(),
                    window.get(), grant.id(), request.groupId(),
                    " by adding " + request.userId() + " to group " + request.groupId());
            if (conflict.isPresent()) {
                return conflict.get();
            }
        }
        return new Allowance(NAME);
    }

    private Verdict checkGrant(Principal grantee, String role, Scope scope, Validity validity, String grantId,
                               AccessState state) {
        Optional<Rejection> own = firstConflict(grantee, state.pathsOf(grantee), role, scope, validity, grantId,
                null, "");
        if (own.isPresent()) {
            return own.get();
        }
        if (!grantee.isUser()) {
            for (GroupMembership membership : state.membersOf(grantee.id())) {
                Optional<Validity> window = validity.intersection(membership.validity());
                if (window.isEmpty()) {
                    continue;
                }
                Principal member = Principal.user(membership.userId());
                Optional<Rejection> conflict = firstConflict(member, state.pathsOf(member), role, scope,
                        window.get(), grantId, null, " (a member of " + grantee + ")");
                if (conflict.isPresent()) {
                    return conflict.get();
                }
            }
        }
        return new Allowance(NAME);
    }

    private Optional<Rejection> firstConflict(Principal holder, List<GrantPath> held, String role, Scope scope,
                                              Validity window, String ownGrantId, String throughGroup,
                                              String context) {
        for (GrantPath path : held) {
            Grant other = path.grant();
            boolean relevant = other.status() != GrantStatus.REVOKED
                    && !other.id().equals(ownGrantId)
                    && path.group().filter(group -> group.equals(throughGroup)).isEmpty()
                    && conflict(role, other.role())
                    && other.scope().overlaps(scope)
                    && path.window().filter(heldWhen -> heldWhen.overlaps(window)).isPresent();
            if (relevant) {
                String route = path.group().map(group -> " through group " + group).orElse("");
                return Optional.of(new Rejection(NAME, "role " + role + " on " + scope + " for " + holder + context
                        + " conflicts with grant " + other.id() + " (" + other.role() + " on " + other.scope() + ", "
                        + other.validity() + ") held" + route, other.id()));
            }
        }
        return Optional.empty();
    }
}
