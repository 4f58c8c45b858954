package dev.twinledger.queryside.access;

import dev.twinledger.api.inventory.Environment;
import dev.twinledger.policies.scope.Scope;
import dev.twinledger.queryside.readmodel.ReadModel;
import dev.twinledger.queryside.readmodel.Where;
import dev.twinledger.queryside.web.PageView;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static dev.twinledger.queryside.readmodel.Rows.enumOf;
import static dev.twinledger.queryside.readmodel.Rows.instant;
import static dev.twinledger.queryside.readmodel.Rows.nullableLong;
import static dev.twinledger.queryside.readmodel.Rows.stringList;

/**
 * Reads the access read model's tables for paged listing: grants, principals' access histories, groups and their
 * membership records, role versions, access reviews, denied attempts; and records refused access queries.
 */
@Repository
public class AccessListings {

    // A grant past its end is EXPIRED whether or not the expiry event has been recorded yet: it gives nothing.
    private static final String STATUS = """
            CASE WHEN g.status IN ('ACTIVE', 'PENDING_APPROVAL') AND g.valid_until IS NOT NULL
                      AND g.valid_until <= :now THEN 'EXPIRED' ELSE g.status END""";

    private final ReadModel readModel;

    public AccessListings(ReadModel readModel) {
        this.readModel = readModel;
    }

    /**
     * Grants by id, filtered by principal ({@code kind} and {@code id} together), role and status (as of {@code now});
     * each null means any.
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public PageView<GrantView> grants(String principalKind, String principalId, String role,
                                      GrantStatusFilter status, Instant now, int page, int size) {
        Where where = new Where()
                .equal("g.principal_kind", "principalKind", principalKind)
                .equal("g.principal_id", "principalId", principalId)
                .equal("g.role", "role", role)
                .when(status == null ? null : status.name(), "(" + STATUS + ") = :status", "status");
        where.params().addValue("now", Timestamp.from(now));
        return readModel.page("g.*, " + STATUS + " AS effective_status", "access_grants g", "access_grants g", where,
                "g.id", page, size, AccessListings::grant);
    }

    /** One grant, with its status as of {@code now}. */
    public Optional<GrantView> grant(String id, Instant now) {
        return readModel.one("SELECT g.*, " + STATUS + " AS effective_status FROM access_grants g WHERE g.id = :id",
                new MapSqlParameterSource("id", id).addValue("now", Timestamp.from(now)), AccessListings::grant);
    }

    /** A principal's access changes, oldest first. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public PageView<AccessChangeView> history(String principalKind, String principalId, int page, int size) {
        Where where = new Where().equal("principal_kind", "kind", principalKind)
                .equal("principal_id", "id", principalId);
        return readModel.page("*", "access_principal_history", "access_principal_history", where, "global_position",
                page, size, (rs, n) -> new AccessChangeView(rs.getLong("global_position"), rs.getString("change"),
                        principal(rs.getString("principal_kind"), rs.getString("principal_id")),
                        rs.getString("grant_id"), rs.getString("role"),
                        rs.getString("grant_id") == null ? null : scope(rs), rs.getString("group_id"),
                        instant(rs, "valid_from"), instant(rs, "valid_until"), rs.getString("actor"),
                        rs.getString("why"), rs.getString("ticket"), instant(rs, "occurred_at"),
                        rs.getString("event_id")));
    }

    /** Groups by id. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public PageView<GroupView> groups(int page, int size) {
        return readModel.page("*", "access_groups", "access_groups", new Where(), "id", page, size,
                AccessListings::group);
    }

    /** One group, without members. */
    public Optional<GroupView> group(String id) {
        return readModel.one("SELECT * FROM access_groups WHERE id = :id", new MapSqlParameterSource("id", id),
                AccessListings::group);
    }

    /** Every membership interval of a group, in the order they were added. */
    public List<GroupView.MembershipRecord> memberships(String groupId) {
        return readModel.list("""
                SELECT * FROM access_group_memberships WHERE group_id = :id ORDER BY added_position""",
                new MapSqlParameterSource("id", groupId), (rs, n) -> new GroupView.MembershipRecord(
                        rs.getString("username"), instant(rs, "valid_from"), instant(rs, "valid_until"),
                        rs.getString("added_by"), instant(rs, "added_at"), rs.getString("added_event_id"),
                        rs.getString("removed_by"), instant(rs, "removed_at"), rs.getString("removal_reason"),
                        instant(rs, "ended_at"), rs.getBoolean("dropped")));
    }

    /** For each role, the version in force at {@code asOf} (the last one at or before it), retired ones included. */
    public Map<String, RoleVersion> roleVersionsAt(Instant asOf) {
        Map<String, RoleVersion> versions = new TreeMap<>();
        readModel.list("""
                SELECT DISTINCT ON (role) role, permissions, privileged, retired, defined_by, valid_from, event_id,
                       global_position
                  FROM access_role_versions WHERE valid_from <= :asOf
                 ORDER BY role, global_position DESC""", new MapSqlParameterSource("asOf", Timestamp.from(asOf)),
                (rs, n) -> new RoleVersion(rs.getString("role"), stringList(rs, "permissions"),
                        rs.getBoolean("privileged"), rs.getBoolean("retired"), rs.getString("defined_by"),
                        instant(rs, "valid_from"), rs.getString("event_id"), rs.getLong("global_position")))
                .forEach(version -> versions.put(version.role(), version));
        return versions;
    }

    /** Reviews by id, optionally only those in {@code state}. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public PageView<ReviewView> reviews(String state, int page, int size) {
        return readModel.page("*", "access_reviews", "access_reviews", new Where().equal("state", "state", state),
                "id", page, size, AccessListings::review);
    }

    /** One review with its items in listing order. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Optional<ReviewView> review(String id) {
        MapSqlParameterSource params = new MapSqlParameterSource("id", id);
        return readModel.one("SELECT * FROM access_reviews WHERE id = :id", params, AccessListings::review)
                .map(review -> review.withItems(readModel.list("""
                        SELECT i.*, g.principal_kind, g.principal_id, g.role, g.site_id, g.environment, g.project,
                               g.resource_type, g.resource_id
                          FROM access_review_items i LEFT JOIN access_grants g ON g.id = i.grant_id
                         WHERE i.review_id = :id ORDER BY i.item_order""", params,
                        (rs, n) -> new ReviewView.Item(rs.getString("grant_id"),
                                rs.getString("principal_kind") == null ? null
                                        : principal(rs.getString("principal_kind"), rs.getString("principal_id")),
                                rs.getString("role"), rs.getString("principal_kind") == null ? null : scope(rs),
                                rs.getString("outcome"), rs.getString("comment"), rs.getString("decided_by"),
                                instant(rs, "decided_at"), rs.getString("decided_event_id"),
                                rs.getString("outcome") == null, rs.getBoolean("flagged_unreviewed")))));
    }

    /** Denied attempts, newest first, optionally only {@code actor}'s. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public PageView<DenialView> denials(String actor, int page, int size) {
        return readModel.page("*", "access_denials", "access_denials", new Where().equal("actor", "actor", actor),
                "global_position DESC", page, size, (rs, n) -> new DenialView(rs.getLong("global_position"),
                        rs.getString("event_id"), rs.getString("actor"), rs.getString("permission"),
                        rs.getString("resource_type"), rs.getString("resource_id"), rs.getString("site_id"),
                        enumOf(rs, "environment", Environment.class), rs.getString("project"), rs.getString("rule"),
                        rs.getString("reason"), rs.getString("conflicting_grant_id"), rs.getString("request"),
                        instant(rs, "occurred_at"), rs.getString("handling_site"), rs.getString("correlation_id")));
    }

    /** Records an access query this service refused. */
    @Transactional
    public void recordDeniedQuery(String actor, String request, String permission, String scope, String reason) {
        readModel.update("""
                INSERT INTO denied_queries (actor, request, permission, scope, reason)
                VALUES (:actor, :request, :permission, :scope, :reason)""",
                new MapSqlParameterSource("actor", actor).addValue("request", request)
                        .addValue("permission", permission).addValue("scope", scope).addValue("reason", reason));
    }

    private static GrantView grant(ResultSet rs, int row) throws SQLException {
        return new GrantView(rs.getString("id"),
                principal(rs.getString("principal_kind"), rs.getString("principal_id")), rs.getString("role"), scope(rs), instant(rs, "valid_from"), instant(rs, "valid_until"),
                rs.getString("justification"), rs.getString("ticket"), rs.getBoolean("approval_required"),
                rs.getString("effective_status"),
                step(rs, "requested_by", "requested_at", "requested_event_id", "requested_position", null),
                step(rs, "approved_by", "approved_at", "approved_event_id", "approved_position", null),
                step(rs, "rejected_by", "rejected_at", "rejected_event_id", "rejected_position", "rejection_reason"),
                step(rs, "revoked_by", "revoked_at", "revoked_event_id", "revoked_position", "revocation_reason"),
                rs.getString("expiry_event_id") == null ? null : new GrantView.Step("system",
                        instant(rs, "expired_at"), rs.getString("expiry_event_id"),
                        nullableLong(rs, "expiry_position"), null));
    }

    private static GrantView.Step step(ResultSet rs, String by, String at, String eventId, String position,
                                       String reason) throws SQLException {
        if (rs.getString(eventId) == null) {
            return null;
        }
        return new GrantView.Step(rs.getString(by), instant(rs, at), rs.getString(eventId),
                nullableLong(rs, position), reason == null ? null : rs.getString(reason));
    }

    private static GroupView group(ResultSet rs, int row) throws SQLException {
        return new GroupView(rs.getString("id"), rs.getString("description"), rs.getString("created_by"),
                instant(rs, "created_at"), rs.getString("created_event_id"), null, null, null);
    }

    private static ReviewView review(ResultSet rs, int row) throws SQLException {
        Integer confirmed = (Integer) rs.getObject("confirmed");
        Integer revoked = (Integer) rs.getObject("revoked");
        Boolean deadlinePassed = (Boolean) rs.getObject("deadline_passed");
        return new ReviewView(rs.getString("id"), scope(rs), rs.getString("reviewer"), instant(rs, "deadline"),
                rs.getString("started_by"), instant(rs, "started_at"), rs.getString("state"),
                rs.getString("closed_by"), instant(rs, "closed_at"), confirmed, revoked, deadlinePassed, null);
    }

    /** The scope columns every access table names the same way. */
    static ScopeView scope(ResultSet rs) throws SQLException {
        return ScopeView.of(new Scope(rs.getString("site_id"), enumOf(rs, "environment", Environment.class),
                rs.getString("project"), rs.getString("resource_type"), rs.getString("resource_id")));
    }

    private static String principal(String kind, String id) {
        return ("GROUP".equals(kind) ? "group:" : "user:") + id;
    }

    /**
     * One version of a role, as recorded.
     *
     * @param role        the role
     * @param permissions its permissions from then on (none once retired)
     * @param privileged  whether its grants needed approval
     * @param retired     whether this version retired the role
     * @param definedBy   who defined or retired it
     * @param since       when
     * @param eventId     the event
     * @param position    its global position
     */
    public record RoleVersion(String role, List<String> permissions, boolean privileged, boolean retired,
                              String definedBy, Instant since, String eventId, long position) {
    }
}
