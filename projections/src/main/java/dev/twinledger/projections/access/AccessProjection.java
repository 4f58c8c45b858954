package dev.twinledger.projections.access;

import dev.twinledger.api.EventMetadata;
import dev.twinledger.api.access.AccessDenied;
import dev.twinledger.api.access.AccessDirectoryInitialized;
import dev.twinledger.api.access.AccessReviewClosed;
import dev.twinledger.api.access.AccessReviewItemDecided;
import dev.twinledger.api.access.AccessReviewStarted;
import dev.twinledger.api.access.AccessScope;
import dev.twinledger.api.access.GrantApproved;
import dev.twinledger.api.access.GrantExpired;
import dev.twinledger.api.access.GrantRejected;
import dev.twinledger.api.access.GrantRequested;
import dev.twinledger.api.access.GrantRevoked;
import dev.twinledger.api.access.GroupCreated;
import dev.twinledger.api.access.GroupMemberAdded;
import dev.twinledger.api.access.GroupMemberRemoved;
import dev.twinledger.api.access.RoleDefined;
import dev.twinledger.api.access.RoleRetired;
import dev.twinledger.projections.support.PositionGuard;
import dev.twinledger.projections.tracking.GlobalPositions;
import dev.twinledger.projections.tracking.ProjectionProcessors;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static dev.twinledger.projections.support.Columns.json;
import static dev.twinledger.projections.support.Columns.utc;

/**
 * Keeps the access read model in step with the access events: {@code access_events} (every access event with its
 * payload, what the query side folds with the shared {@code AccessHistory}), and the normalized tables for paged
 * listing: grants, groups, memberships, role versions, each principal's access history, access reviews and their
 * items, and denied attempts.
 *
 * <p>Runs in the one read-model processor, in the transaction of its Kafka token. Every statement is idempotent:
 * rows keyed by global position are inserted once, and rows later events change are only changed by an event with a
 * higher position than the row's last. The directory's events share one stream and arrive in order; an
 * {@link AccessDenied} has a stream of its own and touches only rows keyed by its own position, so its arrival order
 * does not matter.
 *
 * <p>Who did something is the name the event carries ({@code requestedBy}, {@code approvedBy}, ...); times are the
 * events' stored timestamps.
 */
@ProcessingGroup(ProjectionProcessors.READ_MODEL)
public class AccessProjection {

    private static final Logger log = LoggerFactory.getLogger(AccessProjection.class);
    private static final String SYSTEM = "system";

    private final JdbcTemplate jdbc;
    private final PositionGuard guard;

    /** A projection writing to the read database behind {@code dataSource}. */
    public AccessProjection(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.guard = new PositionGuard(jdbc);
    }

    @EventHandler
    void on(AccessDirectoryInitialized event, EventMessage<?> message) {
        record(event, message);
    }

    @EventHandler
    void on(RoleDefined event, EventMessage<?> message) {
        long position = record(event, message);
        jdbc.update("""
                INSERT INTO access_role_versions (role, global_position, permissions, previous_permissions, privileged,
                                                  retired, defined_by, valid_from, event_id)
                VALUES (?, ?, ?::jsonb, ?::jsonb, ?, false, ?, ?, ?)
                ON CONFLICT (role, global_position) DO NOTHING""",
                event.role(), position, json(sorted(event.permissions())), json(sorted(event.previousPermissions())),
                event.privileged(), event.definedBy(), utc(message.getTimestamp()), message.getIdentifier());
    }

    @EventHandler
    void on(RoleRetired event, EventMessage<?> message) {
        long position = record(event, message);
        jdbc.update("""
                INSERT INTO access_role_versions (role, global_position, permissions, previous_permissions, privileged,
                                                  retired, defined_by, reason, valid_from, event_id)
                VALUES (?, ?, '[]'::jsonb,
                        coalesce((SELECT v.permissions FROM access_role_versions v
                                   WHERE v.role = ? AND v.global_position < ?
                                   ORDER BY v.global_position DESC LIMIT 1), '[]'::jsonb),
                        false, true, ?, ?, ?, ?)
                ON CONFLICT (role, global_position) DO NOTHING""",
                event.role(), position, event.role(), position, event.retiredBy(), event.reason(),
                utc(message.getTimestamp()), message.getIdentifier());
    }

    @EventHandler
    void on(GroupCreated event, EventMessage<?> message) {
        long position = record(event, message);
        jdbc.update("""
                INSERT INTO access_groups (id, description, created_by, created_at, created_event_id, created_position,
                                           last_position)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO NOTHING""",
                event.groupId(), event.description(), event.createdBy(), utc(message.getTimestamp()),
                message.getIdentifier(), position, position);
    }

    @EventHandler
    void on(GroupMemberAdded event, EventMessage<?> message) {
        long position = record(event, message);
        Instant from = event.validFrom() == null ? message.getTimestamp() : event.validFrom();
        int added = jdbc.update("""
                INSERT INTO access_group_memberships (group_id, username, added_position, valid_from, valid_until,
                                                      added_by, added_at, added_event_id, ended_at, last_position)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (group_id, username, added_position) DO NOTHING""",
                event.groupId(), event.username(), position, utc(from), utc(event.validUntil()), event.addedBy(),
                utc(message.getTimestamp()), message.getIdentifier(), utc(event.validUntil()), position);
        if (added == 1) {
            history(position, "USER", event.username(), "ADDED_TO_GROUP", null, null, null, event.groupId(), from,
                    event.validUntil(), event.addedBy(), null, null, message);
        }
    }

    @EventHandler
    void on(GroupMemberRemoved event, EventMessage<?> message) {
        long position = record(event, message);
        // As AccessState.withMembershipEnded: a running interval ends at the removal, one that had not started is
        // dropped (it never took effect), one that had already ended stays as it was.
        jdbc.update("""
                UPDATE access_group_memberships
                   SET removed_by = ?, removed_at = ?, removed_event_id = ?, removed_position = ?, removal_reason = ?,
                       ended_at = CASE WHEN valid_from < ? THEN ? ELSE NULL END,
                       dropped = NOT (valid_from < ?),
                       last_position = ?
                 WHERE group_id = ? AND username = ? AND added_position < ? AND last_position < ?
                   AND (valid_until IS NULL OR valid_until > ?)""",
                event.removedBy(), utc(message.getTimestamp()), message.getIdentifier(), position, event.reason(),
                utc(message.getTimestamp()), utc(message.getTimestamp()), utc(message.getTimestamp()), position,
                event.groupId(), event.username(), position, position, utc(message.getTimestamp()));
        history(position, "USER", event.username(), "REMOVED_FROM_GROUP", null, null, null, event.groupId(), null,
                null, event.removedBy(), event.reason(), null, message);
    }

    @EventHandler
    void on(GrantRequested event, EventMessage<?> message) {
        long position = record(event, message);
        Instant from = event.validFrom() == null ? message.getTimestamp() : event.validFrom();
        AccessScope scope = event.scope() == null ? AccessScope.EVERYWHERE : event.scope();
        int inserted = jdbc.update("""
                INSERT INTO access_grants (id, principal_kind, principal_id, role, site_id, environment, project,
                                           resource_type, resource_id, valid_from, valid_until, justification, ticket,
                                           approval_required, status, requested_by, requested_at, requested_event_id,
                                           requested_position, last_position)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO NOTHING""",
                event.grantId(), event.principal().kind().name(), event.principal().id(), event.role(),
                scope.siteId(), name(scope.environment()), scope.project(), scope.resourceType(), scope.resourceId(),
                utc(from), utc(event.validUntil()), event.justification(), event.ticket(), event.approvalRequired(),
                event.approvalRequired() ? "PENDING_APPROVAL" : "ACTIVE", event.requestedBy(),
                utc(message.getTimestamp()), message.getIdentifier(), position, position);
        if (inserted == 1) {
            history(position, event.principal().kind().name(), event.principal().id(), "GRANTED", event.grantId(),
                    event.role(), scope, null, from, event.validUntil(), event.requestedBy(), event.justification(),
                    event.ticket(), message);
        }
    }

    @EventHandler
    void on(GrantApproved event, EventMessage<?> message) {
        long position = record(event, message);
        if (guard.update("access_grants", event.grantId(), position, event,
                "status = CASE WHEN status = 'PENDING_APPROVAL' THEN 'ACTIVE' ELSE status END, approved_by = ?, "
                        + "approved_at = ?, approved_event_id = ?, approved_position = ?",
                event.approvedBy(), utc(message.getTimestamp()), message.getIdentifier(), position)) {
            grantHistory(position, event.grantId(), "APPROVED", event.approvedBy(), null, message);
        }
    }

    @EventHandler
    void on(GrantRejected event, EventMessage<?> message) {
        long position = record(event, message);
        if (guard.update("access_grants", event.grantId(), position, event,
                "status = 'REJECTED', rejected_by = ?, rejected_at = ?, rejected_event_id = ?, rejected_position = ?, "
                        + "rejection_reason = ?",
                event.rejectedBy(), utc(message.getTimestamp()), message.getIdentifier(), position, event.reason())) {
            grantHistory(position, event.grantId(), "REJECTED", event.rejectedBy(), event.reason(), message);
        }
    }

    @EventHandler
    void on(GrantRevoked event, EventMessage<?> message) {
        long position = record(event, message);
        if (guard.update("access_grants", event.grantId(), position, event,
                "status = 'REVOKED', revoked_by = ?, revoked_at = ?, revoked_event_id = ?, revoked_position = ?, "
                        + "revocation_reason = ?",
                event.revokedBy(), utc(message.getTimestamp()), message.getIdentifier(), position, event.reason())) {
            grantHistory(position, event.grantId(), "REVOKED", event.revokedBy(), event.reason(), message);
        }
    }

    @EventHandler
    void on(GrantExpired event, EventMessage<?> message) {
        long position = record(event, message);
        if (guard.update("access_grants", event.grantId(), position, event,
                "status = CASE WHEN status IN ('ACTIVE', 'PENDING_APPROVAL') THEN 'EXPIRED' ELSE status END, "
                        + "expired_at = ?, expiry_recorded_at = ?, expiry_event_id = ?, expiry_position = ?",
                utc(event.expiredAt()), utc(message.getTimestamp()), message.getIdentifier(), position)) {
            grantHistory(position, event.grantId(), "EXPIRED", actor(message), "validity ended at "
                    + event.expiredAt(), message);
        }
    }

    @EventHandler
    void on(AccessReviewStarted event, EventMessage<?> message) {
        long position = record(event, message);
        AccessScope scope = event.scope() == null ? AccessScope.EVERYWHERE : event.scope();
        int inserted = jdbc.update("""
                INSERT INTO access_reviews (id, site_id, environment, project, resource_type, resource_id, reviewer,
                                            deadline, started_by, started_at, started_event_id, state, last_position)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', ?)
                ON CONFLICT (id) DO NOTHING""",
                event.reviewId(), scope.siteId(), name(scope.environment()), scope.project(), scope.resourceType(),
                scope.resourceId(), event.reviewer(), utc(event.deadline()), event.startedBy(),
                utc(message.getTimestamp()), message.getIdentifier(), position);
        if (inserted == 1) {
            List<String> grantIds = event.grantIds() == null ? List.of() : event.grantIds();
            for (int i = 0; i < grantIds.size(); i++) {
                jdbc.update("""
                        INSERT INTO access_review_items (review_id, grant_id, item_order) VALUES (?, ?, ?)
                        ON CONFLICT (review_id, grant_id) DO NOTHING""", event.reviewId(), grantIds.get(i), i);
            }
        }
    }

    @EventHandler
    void on(AccessReviewItemDecided event, EventMessage<?> message) {
        long position = record(event, message);
        int updated = jdbc.update("""
                UPDATE access_review_items
                   SET outcome = ?, comment = ?, decided_by = ?, decided_at = ?, decided_event_id = ?,
                       decided_position = ?
                 WHERE review_id = ? AND grant_id = ? AND (decided_position IS NULL OR decided_position < ?)""",
                name(event.outcome()), event.comment(), event.decidedBy(), utc(message.getTimestamp()),
                message.getIdentifier(), position, event.reviewId(), event.grantId(), position);
        if (updated == 0) {
            log.debug("review decision at position {} on {}/{} changed nothing (already applied, or not listed)",
                    position, event.reviewId(), event.grantId());
        }
    }

    @EventHandler
    void on(AccessReviewClosed event, EventMessage<?> message) {
        long position = record(event, message);
        if (guard.update("access_reviews", event.reviewId(), position, event,
                "state = 'CLOSED', closed_by = ?, closed_at = ?, closed_event_id = ?, confirmed = ?, revoked = ?, "
                        + "deadline_passed = ?",
                event.closedBy(), utc(message.getTimestamp()), message.getIdentifier(), event.confirmed(),
                event.revoked(), event.deadlinePassed())) {
            for (String grantId : event.unreviewedGrantIds() == null ? List.<String>of()
                    : event.unreviewedGrantIds()) {
                jdbc.update("UPDATE access_review_items SET flagged_unreviewed = true "
                        + "WHERE review_id = ? AND grant_id = ?", event.reviewId(), grantId);
            }
        }
    }

    @EventHandler
    void on(AccessDenied event, EventMessage<?> message) {
        long position = record(event, message);
        jdbc.update("""
                INSERT INTO access_denials (global_position, event_id, actor, permission, resource_type, resource_id,
                                            site_id, environment, project, rule, reason, conflicting_grant_id, request,
                                            occurred_at, handling_site, correlation_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (global_position) DO NOTHING""",
                position, message.getIdentifier(), event.actor() == null ? actor(message) : event.actor(),
                event.permission(), event.resourceType(), event.resourceId(), event.siteId(),
                name(event.environment()), event.project(), event.rule(), event.reason(), event.conflictingGrantId(),
                event.request(), utc(message.getTimestamp()), meta(message, EventMetadata.HANDLING_SITE),
                meta(message, EventMetadata.CORRELATION_ID));
    }

    /** Stores the event in {@code access_events} (once) and answers its global position. */
    private long record(Object payload, EventMessage<?> message) {
        long position = GlobalPositions.of(message);
        String aggregateId = null;
        Long sequence = null;
        if (message instanceof DomainEventMessage<?> domain) {
            aggregateId = domain.getAggregateIdentifier();
            sequence = domain.getSequenceNumber();
        }
        jdbc.update("""
                INSERT INTO access_events (global_position, event_id, event_type, aggregate_id, sequence_number,
                                           occurred_at, actor_username, actor_subject, handling_site, correlation_id,
                                           reason, ticket, payload)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)
                ON CONFLICT (global_position) DO NOTHING""",
                position, message.getIdentifier(), payload.getClass().getName(), aggregateId, sequence,
                utc(message.getTimestamp()), meta(message, EventMetadata.ACTOR_USERNAME),
                meta(message, EventMetadata.ACTOR_SUBJECT), meta(message, EventMetadata.HANDLING_SITE),
                meta(message, EventMetadata.CORRELATION_ID), meta(message, EventMetadata.REASON),
                meta(message, EventMetadata.TICKET), json(payload));
        return position;
    }

    /** A history row for the principal of grant {@code grantId}, with the grant's role and scope. */
    private void grantHistory(long position, String grantId, String change, String actor, String why,
                              EventMessage<?> message) {
        jdbc.update("""
                INSERT INTO access_principal_history (global_position, principal_kind, principal_id, change, grant_id,
                                                      role, site_id, environment, project, resource_type, resource_id,
                                                      valid_from, valid_until, actor, why, ticket, occurred_at,
                                                      event_id)
                SELECT ?, g.principal_kind, g.principal_id, ?, g.id, g.role, g.site_id, g.environment, g.project,
                       g.resource_type, g.resource_id, g.valid_from, g.valid_until, ?, ?, ?, ?, ?
                  FROM access_grants g WHERE g.id = ?
                ON CONFLICT (principal_kind, principal_id, global_position) DO NOTHING""",
                position, change, actor == null ? actor(message) : actor, why,
                meta(message, EventMetadata.TICKET), utc(message.getTimestamp()), message.getIdentifier(), grantId);
    }

    private void history(long position, String kind, String principalId, String change, String grantId, String role,
                         AccessScope scope, String groupId, Instant from, Instant until, String actor, String why,
                         String ticket, EventMessage<?> message) {
        AccessScope s = scope == null ? AccessScope.EVERYWHERE : scope;
        jdbc.update("""
                INSERT INTO access_principal_history (global_position, principal_kind, principal_id, change, grant_id,
                                                      role, site_id, environment, project, resource_type, resource_id,
                                                      group_id, valid_from, valid_until, actor, why, ticket,
                                                      occurred_at, event_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (principal_kind, principal_id, global_position) DO NOTHING""",
                position, kind, principalId, change, grantId, role, s.siteId(), name(s.environment()), s.project(),
                s.resourceType(), s.resourceId(), groupId, utc(from), utc(until),
                actor == null ? actor(message) : actor, why,
                ticket == null ? meta(message, EventMetadata.TICKET) : ticket, utc(message.getTimestamp()),
                message.getIdentifier());
    }

    private static String actor(EventMessage<?> message) {
        String actor = meta(message, EventMetadata.ACTOR_USERNAME);
        return actor == null || actor.isBlank() ? SYSTEM : actor;
    }

    private static String meta(EventMessage<?> message, String key) {
        Object value = message.getMetaData().get(key);
        return value == null ? null : value.toString();
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    private static Set<String> sorted(Set<String> values) {
        return values == null ? Set.of() : new TreeSet<>(values);
    }
}
