package dev.twinledger.commandside.access;

import dev.twinledger.api.EventMetadata;
import dev.twinledger.api.ResourceIds;
import dev.twinledger.api.access.AccessDirectory;
import dev.twinledger.api.access.AccessDirectoryInitialized;
import dev.twinledger.api.access.AccessReviewClosed;
import dev.twinledger.api.access.AccessReviewItemDecided;
import dev.twinledger.api.access.AccessReviewStarted;
import dev.twinledger.api.access.AccessScope;
import dev.twinledger.api.access.AddGroupMember;
import dev.twinledger.api.access.ApproveGrant;
import dev.twinledger.api.access.CloseAccessReview;
import dev.twinledger.api.access.CreateGroup;
import dev.twinledger.api.access.DecideReviewItem;
import dev.twinledger.api.access.DefineRole;
import dev.twinledger.api.access.ExpireGrant;
import dev.twinledger.api.access.GrantApproved;
import dev.twinledger.api.access.GrantExpired;
import dev.twinledger.api.access.GrantRejected;
import dev.twinledger.api.access.GrantRequested;
import dev.twinledger.api.access.GrantRevoked;
import dev.twinledger.api.access.GroupCreated;
import dev.twinledger.api.access.GroupMemberAdded;
import dev.twinledger.api.access.GroupMemberRemoved;
import dev.twinledger.api.access.InitializeAccessDirectory;
import dev.twinledger.api.access.PrincipalKind;
import dev.twinledger.api.access.PrincipalRef;
import dev.twinledger.api.access.RejectGrant;
import dev.twinledger.api.access.RemoveGroupMember;
import dev.twinledger.api.access.RequestGrant;
import dev.twinledger.api.access.RetireRole;
import dev.twinledger.api.access.ReviewOutcome;
import dev.twinledger.api.access.RevokeGrant;
import dev.twinledger.api.access.RoleDefined;
import dev.twinledger.api.access.RoleDefinition;
import dev.twinledger.api.access.RoleRetired;
import dev.twinledger.api.access.StartAccessReview;
import dev.twinledger.commandside.domain.AccessRefused;
import dev.twinledger.commandside.domain.AlreadyExists;
import dev.twinledger.commandside.domain.RuleViolation;
import dev.twinledger.commandside.domain.StateConflict;
import dev.twinledger.commandside.domain.UnknownResource;
import dev.twinledger.policies.grant.AccessState;
import dev.twinledger.policies.grant.EventStamp;
import dev.twinledger.policies.grant.Grant;
import dev.twinledger.policies.grant.GrantStatus;
import dev.twinledger.policies.grant.Validity;
import dev.twinledger.policies.history.AccessHistory;
import dev.twinledger.policies.history.AccessValues;
import dev.twinledger.policies.permission.Permission;
import dev.twinledger.policies.permission.Permissions;
import dev.twinledger.policies.role.DefaultRoles;
import dev.twinledger.policies.role.Role;
import dev.twinledger.policies.rules.GrantRequest;
import dev.twinledger.policies.rules.GrantRules;
import dev.twinledger.policies.rules.MembershipRequest;
import dev.twinledger.policies.scope.Scope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.modelling.command.AggregateIdentifier;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The access directory: every role, group, membership, grant and access review, and the rules that guard them. One
 * aggregate, so that no escalation, separation of duties and second-person approval are checked against one state
 * and two concurrent changes cannot together break a rule one of them alone would not (Axon's optimistic locking
 * refuses the second; see ADR 10). Registered under the aggregate type name {@code AccessDirectoryAggregate}:
 * renaming this class is a schema change.
 *
 * <p>Its state is the policies' {@link AccessHistory}, folded by one event-sourcing handler from every event, exactly
 * as the command side's authorization lookup and the query side fold it. Every access command is authorized here,
 * with the caller named on the command (set by the web edge from the token); a refusal is an
 * {@link dev.twinledger.commandside.domain.AccessRefused}, which the web edge records and answers 403 (409 for a
 * separation-of-duties conflict). Time is Axon's event clock, so fixtures can move it.
 */
final class AccessDirectoryAggregate {

    /** The deadline that records a grant's end. */
    static final String GRANT_EXPIRY = "grant-expiry";
    /** The deadline that closes an access review. */
    static final String REVIEW_DEADLINE = "access-review-deadline";
    /** Who the service itself acts as: bootstrap and deadlines. */
    static final String SYSTEM = "system";

    private static final int MAX_TEXT = 1000;
    private static final GrantRules RULES = GrantRules.defaults();

    @AggregateIdentifier
    private String directoryId;
    private AccessHistory history = AccessHistory.empty();
    private final Set<String> expired = new HashSet<>();
    private final Map<String, AccessReview> reviews = new HashMap<>();

    /** For Axon, which rebuilds the directory by replaying its events into an empty instance. */
    AccessDirectoryAggregate() {
    }

    @CommandHandler
    AccessDirectoryAggregate(InitializeAccessDirectory command) {
        List<RoleDefinition> roles = command.roles() == null ? List.of() : command.roles();
        Set<String> privileged = command.privilegedRoles() == null ? Set.of() : command.privilegedRoles();
        Set<String> names = new HashSet<>();
        for (RoleDefinition role : roles) {
            requireRoleName(role.name());
            parse(role.permissions());
            names.add(role.name());
        }
        for (String name : privileged) {
            if (!names.contains(name)) {
                throw new RuleViolation("privileged role '" + name + "' is not among the seeded roles");
            }
        }
        List<String> admins = command.bootstrapAdmins() == null ? List.of() : command.bootstrapAdmins();
        if (!admins.isEmpty() && !names.contains(DefaultRoles.ACCESS_ADMIN)) {
            throw new RuleViolation("bootstrap admins need the role " + DefaultRoles.ACCESS_ADMIN + " to be seeded");
        }
        apply(new AccessDirectoryInitialized(Set.copyOf(privileged), List.copyOf(admins)));
        for (RoleDefinition role : roles) {
            apply(new RoleDefined(role.name(), Set.copyOf(role.permissions()), privileged.contains(role.name()),
                    Set.of(), SYSTEM));
        }
        for (String admin : admins) {
            requireText(admin, "bootstrap admin");
            apply(new GrantRequested("bootstrap-" + admin, PrincipalRef.user(admin), DefaultRoles.ACCESS_ADMIN,
                    AccessScope.EVERYWHERE, null, null, "bootstrap admin from configuration", null, SYSTEM,
                    false));
        }
    }

    @CommandHandler
    void handle(DefineRole command) {
        requireRoleName(command.role());
        Set<Permission> permissions = parse(command.permissions());
        Instant now = now();
        AccessRules.require(state(), command.definedBy(), now, Permissions.ROLE_DEFINE, Scope.EVERYWHERE, "role",
                command.role());
        for (Permission permission : permissions) {
            // No escalation: a role holding what its definer lacks could then be granted by someone who holds it.
            AccessRules.require(state(), command.definedBy(), now, permission, Scope.EVERYWHERE, "role",
                    command.role());
        }
        Optional<Role> existing = state().roles().role(command.role());
        boolean wasPrivileged = state().roles().isPrivileged(command.role());
        if (existing.isPresent() && existing.get().permissions().equals(permissions)
                && wasPrivileged == command.privileged()) {
            return;
        }
        apply(new RoleDefined(command.role(), written(permissions), command.privileged(),
                existing.map(role -> written(role.permissions())).orElse(Set.of()), command.definedBy()));
    }

    @CommandHandler
    void handle(RetireRole command) {
        Instant now = now();
        AccessRules.require(state(), command.retiredBy(), now, Permissions.ROLE_DEFINE, Scope.EVERYWHERE, "role",
                command.role());
        if (!state().roles().isDefined(command.role())) {
            throw new UnknownResource("There is no role '" + command.role() + "'");
        }
        List<String> live = state().grants().stream()
                .filter(grant -> grant.role().equals(command.role()) && grant.status() != GrantStatus.REVOKED
                        && !grant.validity().hasEndedBy(now))
                .map(Grant::id).sorted().toList();
        if (!live.isEmpty()) {
            throw new StateConflict("Role '" + command.role() + "' still has grants in effect or pending: " + live
                    + "; revoke them first");
        }
        apply(new RoleRetired(command.role(), command.retiredBy(), command.reason()));
    }

    @CommandHandler
    void handle(CreateGroup command) {
        requireId(command.groupId(), "groupId");
        requireText(command.description(), "description");
        AccessRules.require(state(), command.createdBy(), now(), Permissions.GROUP_MANAGE, groupScope(command.groupId()),
                "group", command.groupId());
        if (history.groups().contains(command.groupId())) {
            throw new AlreadyExists("Group '" + command.groupId() + "' already exists");
        }
        apply(new GroupCreated(command.groupId(), command.description(), command.createdBy()));
    }

    @CommandHandler
    void handle(AddGroupMember command) {
        requireText(command.username(), "username");
        Instant now = now();
        AccessRules.require(state(), command.addedBy(), now, Permissions.GROUP_MANAGE, groupScope(command.groupId()),
                "group", command.groupId());
        requireGroup(command.groupId());
        Validity validity = validity(command.validFrom(), command.validUntil(), now);
        boolean overlapping = state().membersOf(command.groupId()).stream()
                .anyMatch(membership -> membership.userId().equals(command.username())
                        && membership.validity().overlaps(validity));
        if (overlapping) {
            throw new StateConflict(command.username() + " is already a member of group '" + command.groupId()
                    + "' for part of that time");
        }
        AccessRules.enforce(RULES.membership(new MembershipRequest(command.groupId(), command.username(), validity,
                        command.addedBy(), now), state()), Permissions.GROUP_MANAGE, "group", command.groupId(),
                AccessValues.scope(groupScope(command.groupId())));
        apply(new GroupMemberAdded(command.groupId(), command.username(), validity.from(), validity.until(),
                command.addedBy()));
    }

    @CommandHandler
    void handle(RemoveGroupMember command) {
        Instant now = now();
        AccessRules.require(state(), command.removedBy(), now, Permissions.GROUP_MANAGE,
                groupScope(command.groupId()), "group", command.groupId());
        requireGroup(command.groupId());
        boolean member = state().membersOf(command.groupId()).stream()
                .anyMatch(membership -> membership.userId().equals(command.username())
                        && !membership.validity().hasEndedBy(now));
        if (!member) {
            throw new UnknownResource(command.username() + " is not a current or future member of group '"
                    + command.groupId() + "'");
        }
        apply(new GroupMemberRemoved(command.groupId(), command.username(), command.removedBy(), command.reason()));
    }

    @CommandHandler
    void handle(RequestGrant command, DeadlineManager deadlines) {
        requireId(command.grantId(), "grantId");
        requireText(command.justification(), "justification");
        if (command.principal() == null) {
            throw new RuleViolation("principal is required");
        }
        if (command.ticket() != null && command.ticket().isBlank()) {
            throw new RuleViolation("ticket must not be blank when given");
        }
        Instant now = now();
        Scope scope = scope(command.scope());
        if (state().grant(command.grantId()).isPresent()) {
            throw new AlreadyExists("Grant '" + command.grantId() + "' already exists");
        }
        if (!state().roles().isDefined(command.role())) {
            throw new UnknownResource("There is no role '" + command.role() + "'");
        }
        if (command.principal().kind() == PrincipalKind.GROUP) {
            requireGroup(command.principal().id());
        }
        Validity validity = validity(command.validFrom(), command.validUntil(), now);
        GrantRequest request = new GrantRequest(AccessValues.principal(command.principal()), command.role(), scope,
                validity, command.requestedBy(), now);
        AccessRules.enforce(RULES.request(request, state()), Permissions.GRANT_CREATE, "grant", command.grantId(),
                AccessValues.scope(scope));
        boolean approvalRequired = RULES.requiresApproval(command.role(), state().roles());
        apply(new GrantRequested(command.grantId(), command.principal(), command.role(), AccessValues.scope(scope),
                validity.from(), validity.until(), command.justification(), command.ticket(), command.requestedBy(),
                approvalRequired));
        if (validity.until() != null) {
            deadlines.schedule(validity.until(), GRANT_EXPIRY, new ExpireGrant(command.grantId()));
        }
    }

    @CommandHandler
    void handle(ApproveGrant command) {
        Instant now = now();
        Grant grant = pending(command.grantId());
        AccessRules.enforce(RULES.approval(grant, command.approvedBy(), state(), now), Permissions.GRANT_APPROVE,
                "grant", grant.id(), AccessValues.scope(grant.scope()));
        apply(new GrantApproved(grant.id(), command.approvedBy()));
    }

    @CommandHandler
    void handle(RejectGrant command) {
        Instant now = now();
        Grant grant = pending(command.grantId());
        AccessRules.require(state(), command.rejectedBy(), now, Permissions.GRANT_APPROVE, grant.scope(), "grant",
                grant.id());
        requireText(command.reason(), "reason");
        apply(new GrantRejected(grant.id(), command.rejectedBy(), command.reason()));
    }

    @CommandHandler
    void handle(RevokeGrant command) {
        Grant grant = grant(command.grantId());
        AccessRules.require(state(), command.revokedBy(), now(), Permissions.GRANT_REVOKE, grant.scope(), "grant",
                grant.id());
        if (grant.status() == GrantStatus.REVOKED) {
            throw new StateConflict("Grant '" + grant.id() + "' is already revoked or was rejected");
        }
        apply(new GrantRevoked(grant.id(), command.revokedBy(), command.reason()));
    }

    /** Records a grant's end once; a revoked or rejected grant ended earlier and records nothing. */
    @DeadlineHandler(deadlineName = GRANT_EXPIRY)
    void on(ExpireGrant deadline) {
        state().grant(deadline.grantId())
                .filter(grant -> grant.status() != GrantStatus.REVOKED && grant.validity().until() != null)
                .filter(grant -> !expired.contains(grant.id()))
                .ifPresent(grant -> apply(new GrantExpired(grant.id(), grant.validity().until())));
    }

    @CommandHandler
    void handle(StartAccessReview command, DeadlineManager deadlines) {
        requireId(command.reviewId(), "reviewId");
        requireText(command.reviewer(), "reviewer");
        Instant now = now();
        Scope scope = scope(command.scope());
        AccessRules.require(state(), command.startedBy(), now, Permissions.REVIEW_RUN, scope, "review",
                command.reviewId());
        if (reviews.containsKey(command.reviewId())) {
            throw new AlreadyExists("Access review '" + command.reviewId() + "' already exists");
        }
        if (command.reviewer().equals(command.startedBy())) {
            throw new RuleViolation("The reviewer must be someone other than who starts the review");
        }
        if (command.deadline() == null || !command.deadline().isAfter(now)) {
            throw new RuleViolation("The deadline must be in the future");
        }
        List<String> grantIds = state().grants().stream()
                .filter(grant -> grant.status() != GrantStatus.REVOKED && !grant.validity().hasEndedBy(now))
                .filter(grant -> scope.contains(grant.scope()))
                .map(Grant::id).sorted().toList();
        apply(new AccessReviewStarted(command.reviewId(), AccessValues.scope(scope), command.reviewer(),
                command.deadline(), command.startedBy(), grantIds));
        deadlines.schedule(command.deadline(), REVIEW_DEADLINE, new CloseAccessReview(command.reviewId(), SYSTEM));
    }

    @CommandHandler
    void handle(DecideReviewItem command) {
        AccessReview review = openReview(command.reviewId());
        if (!review.reviewer.equals(command.decidedBy())) {
            throw new AccessRefused("reviewer", Permissions.REVIEW_RUN.toString(),
                    "review", review.reviewId, review.scope, null, "Only the reviewer " + review.reviewer
                    + " decides the grants of access review '" + review.reviewId + "'");
        }
        if (command.outcome() == null) {
            throw new RuleViolation("outcome is required: CONFIRMED or REVOKED");
        }
        if (!review.grantIds.contains(command.grantId())) {
            throw new UnknownResource("Grant '" + command.grantId() + "' is not in access review '"
                    + review.reviewId + "'");
        }
        if (review.decisions.containsKey(command.grantId())) {
            throw new StateConflict("Grant '" + command.grantId() + "' was already decided in this review: "
                    + review.decisions.get(command.grantId()));
        }
        apply(new AccessReviewItemDecided(review.reviewId, command.grantId(), command.outcome(), command.comment(),
                command.decidedBy()));
        if (command.outcome() == ReviewOutcome.REVOKED
                && grant(command.grantId()).status() != GrantStatus.REVOKED) {
            apply(new GrantRevoked(command.grantId(), command.decidedBy(), "access review " + review.reviewId
                    + (command.comment() == null ? "" : ": " + command.comment())));
        }
    }

    @CommandHandler
    void handle(CloseAccessReview command) {
        AccessReview review = openReview(command.reviewId());
        if (!review.reviewer.equals(command.closedBy()) && !review.startedBy.equals(command.closedBy())) {
            throw new AccessRefused("reviewer", Permissions.REVIEW_RUN.toString(),
                    "review", review.reviewId, review.scope, null, "Only the reviewer or the starter closes access"
                    + " review '" + review.reviewId + "'");
        }
        close(review, command.closedBy(), false);
    }

    /** At the deadline an open review closes by itself; what nobody decided is flagged on the closing event. */
    @DeadlineHandler(deadlineName = REVIEW_DEADLINE)
    void on(CloseAccessReview deadline) {
        AccessReview review = reviews.get(deadline.reviewId());
        if (review != null && !review.closed) {
            close(review, SYSTEM, true);
        }
    }

    private void close(AccessReview review, String closedBy, boolean deadlinePassed) {
        apply(new AccessReviewClosed(review.reviewId, closedBy, review.count(ReviewOutcome.CONFIRMED),
                review.count(ReviewOutcome.REVOKED), review.undecided(), deadlinePassed));
    }

    @EventSourcingHandler
    void on(Object event, @MessageIdentifier String eventId, @Timestamp Instant at, @SequenceNumber Long sequence,
            @MetaDataValue(EventMetadata.ACTOR_USERNAME) String actor) {
        EventStamp stamp = new EventStamp(actor == null || actor.isBlank() ? SYSTEM : actor, at, eventId,
                sequence == null ? 0 : sequence);
        history = history.apply(event, stamp);
        if (event instanceof AccessDirectoryInitialized) {
            directoryId = AccessDirectory.ID;
        } else if (event instanceof GrantExpired grantExpired) {
            expired.add(grantExpired.grantId());
        } else if (event instanceof AccessReviewStarted started) {
            reviews.put(started.reviewId(), new AccessReview(started.reviewId(), started.scope(), started.reviewer(),
                    started.startedBy(), started.deadline(), started.grantIds()));
        } else if (event instanceof AccessReviewItemDecided decided) {
            reviews.get(decided.reviewId()).decisions.put(decided.grantId(), decided.outcome());
        } else if (event instanceof AccessReviewClosed closed) {
            reviews.get(closed.reviewId()).closed = true;
        }
    }

    private AccessState state() {
        return history.current();
    }

    private static Instant now() {
        return GenericEventMessage.clock.instant();
    }

    private Grant grant(String grantId) {
        return state().grant(grantId)
                .orElseThrow(() -> new UnknownResource("There is no grant '" + grantId + "'"));
    }

    private Grant pending(String grantId) {
        Grant grant = grant(grantId);
        if (grant.status() != GrantStatus.PENDING_APPROVAL) {
            throw new StateConflict("Grant '" + grantId + "' is " + grant.status() + ", not pending approval");
        }
        return grant;
    }

    private AccessReview openReview(String reviewId) {
        AccessReview review = reviews.get(reviewId);
        if (review == null) {
            throw new UnknownResource("There is no access review '" + reviewId + "'");
        }
        if (review.closed) {
            throw new StateConflict("Access review '" + reviewId + "' is closed");
        }
        return review;
    }

    private void requireGroup(String groupId) {
        if (!history.groups().contains(groupId)) {
            throw new UnknownResource("There is no group '" + groupId + "'");
        }
    }

    private static Scope groupScope(String groupId) {
        return Scope.EVERYWHERE.withResource("group", groupId);
    }

    private static Scope scope(AccessScope scope) {
        try {
            return AccessValues.scope(scope);
        } catch (IllegalArgumentException e) {
            throw new RuleViolation("scope: " + e.getMessage());
        }
    }

    private static Validity validity(Instant from, Instant until, Instant now) {
        Instant start = from == null || from.isBefore(now) ? now : from;
        if (until != null && !until.isAfter(start)) {
            throw new RuleViolation("validUntil " + until + " must be after the start " + start);
        }
        return new Validity(start, until);
    }

    private static Set<Permission> parse(Set<String> written) {
        Set<Permission> permissions = new HashSet<>();
        List<String> unknown = new ArrayList<>();
        for (String text : written == null ? Set.<String>of() : written) {
            try {
                permissions.add(Permissions.parseKnown(text));
            } catch (IllegalArgumentException e) {
                unknown.add(text);
            }
        }
        if (!unknown.isEmpty()) {
            throw new RuleViolation("Unknown permissions " + new TreeSet<>(unknown) + "; known are "
                    + Permissions.ALL);
        }
        return permissions;
    }

    private static Set<String> written(Set<Permission> permissions) {
        Set<String> written = new TreeSet<>();
        permissions.forEach(permission -> written.add(permission.toString()));
        return written;
    }

    private static void requireRoleName(String name) {
        if (name == null || !name.matches("[a-z][a-z0-9-]{0,63}")) {
            throw new RuleViolation("A role name is lower-case letters, digits and hyphens, starting with a letter;"
                    + " was '" + name + "'");
        }
    }

    private static void requireId(String id, String what) {
        if (id == null || !ResourceIds.isValid(id)) {
            throw new RuleViolation(what + " must match " + ResourceIds.REGEX + ", was '" + id + "'");
        }
    }

    private static void requireText(String text, String what) {
        if (text == null || text.isBlank()) {
            throw new RuleViolation(what + " must not be blank");
        }
        if (text.length() > MAX_TEXT) {
            throw new RuleViolation(what + " is longer than " + MAX_TEXT + " characters");
        }
    }
}
