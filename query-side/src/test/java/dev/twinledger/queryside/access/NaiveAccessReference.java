package dev.twinledger.queryside.access;

import dev.twinledger.api.access.AccessScope;
import dev.twinledger.api.access.GrantApproved;
import dev.twinledger.api.access.GrantRejected;
import dev.twinledger.api.access.GrantRequested;
import dev.twinledger.api.access.GrantRevoked;
import dev.twinledger.api.access.GroupMemberAdded;
import dev.twinledger.api.access.GroupMemberRemoved;
import dev.twinledger.api.access.PrincipalKind;
import dev.twinledger.api.access.RoleDefined;
import dev.twinledger.api.access.RoleRetired;
import dev.twinledger.api.inventory.Environment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A reference evaluator written from the words alone, to compare the query side with: it folds the access
 * events into plain maps and lists and answers by scanning them. It uses no class of the policies module, shares no
 * code with the engine, and is as naive as can be: everything is recomputed from the raw records for every question.
 *
 * <p>The rules it encodes: an event is in effect from its own instant on. A role gives, at t, the permissions of its
 * last definition at or before t (nothing once retired, nothing before defined). A grant gives its role's permissions
 * on its scope at t when it was requested by t, not revoked or rejected by t, approved by t if it needed approval, and
 * t lies in [validFrom, validUntil). A membership counts at t when it was added by t, t lies in [validFrom,
 * validUntil), and the user was not removed from the group by t (a removal ends the memberships recorded before it).
 * A user holds the grants made to them and, through memberships counting at t, the grants made to their groups; a
 * group holds only its own. Scopes: each set attribute must equal the resource's (covers); a scope contains another
 * when each attribute it sets is set to the same value there; they overlap unless some attribute is set to different
 * values.
 */
final class NaiveAccessReference {

    /** One definition or retirement of a role. */
    record RoleEvent(String role, Instant at, Set<String> permissions) {
    }

    /** A grant and the instants of its lifecycle. */
    static final class GrantRecord {
        final String id;
        final boolean toGroup;
        final String principal;
        final String role;
        final AccessScope scope;
        final Instant from;
        final Instant until;
        final Instant requestedAt;
        final boolean approvalRequired;
        Instant approvedAt;
        Instant endedAt;

        GrantRecord(GrantRequested event, Instant at) {
            this.id = event.grantId();
            this.toGroup = event.principal().kind() == PrincipalKind.GROUP;
            this.principal = event.principal().id();
            this.role = event.role();
            this.scope = event.scope() == null ? AccessScope.EVERYWHERE : event.scope();
            this.from = event.validFrom() == null ? at : event.validFrom();
            this.until = event.validUntil();
            this.requestedAt = at;
            this.approvalRequired = event.approvalRequired();
        }

        boolean countsAt(Instant t) {
            if (t.isBefore(requestedAt)) {
                return false;
            }
            if (endedAt != null && !t.isBefore(endedAt)) {
                return false;
            }
            if (approvalRequired && (approvedAt == null || t.isBefore(approvedAt))) {
                return false;
            }
            return !t.isBefore(from) && (until == null || t.isBefore(until));
        }
    }

    /** One membership interval. */
    static final class MemberRecord {
        final String group;
        final String user;
        final Instant addedAt;
        final Instant from;
        final Instant until;
        Instant removedAt;

        MemberRecord(GroupMemberAdded event, Instant at) {
            this.group = event.groupId();
            this.user = event.username();
            this.addedAt = at;
            this.from = event.validFrom() == null ? at : event.validFrom();
            this.until = event.validUntil();
        }

        boolean countsAt(Instant t) {
            return !t.isBefore(addedAt) && !t.isBefore(from) && (until == null || t.isBefore(until))
                    && (removedAt == null || t.isBefore(removedAt));
        }
    }

    /** A resource as questions name it. */
    record Resource(String type, String id, String site, Environment environment, String project) {
    }

    final List<RoleEvent> roleEvents = new ArrayList<>();
    final Map<String, GrantRecord> grants = new LinkedHashMap<>();
    final List<MemberRecord> members = new ArrayList<>();

    /** Folds one event stored at {@code at}; events that change no access are ignored. */
    void fold(Object event, Instant at) {
        if (event instanceof RoleDefined defined) {
            roleEvents.add(new RoleEvent(defined.role(), at, Set.copyOf(defined.permissions())));
        } else if (event instanceof RoleRetired retired) {
            roleEvents.add(new RoleEvent(retired.role(), at, Set.of()));
        } else if (event instanceof GrantRequested requested) {
            grants.put(requested.grantId(), new GrantRecord(requested, at));
        } else if (event instanceof GrantApproved approved) {
            grants.get(approved.grantId()).approvedAt = at;
        } else if (event instanceof GrantRejected rejected) {
            grants.get(rejected.grantId()).endedAt = at;
        } else if (event instanceof GrantRevoked revoked) {
            grants.get(revoked.grantId()).endedAt = at;
        } else if (event instanceof GroupMemberAdded added) {
            members.add(new MemberRecord(added, at));
        } else if (event instanceof GroupMemberRemoved removed) {
            for (MemberRecord member : members) {
                if (member.group.equals(removed.groupId()) && member.user.equals(removed.username())
                        && member.removedAt == null) {
                    member.removedAt = at;
                }
            }
        }
    }

    /** The permissions of {@code role} at {@code t}. */
    Set<String> permissionsOf(String role, Instant t) {
        Set<String> permissions = Set.of();
        for (RoleEvent event : roleEvents) {
            if (event.role().equals(role) && !event.at().isAfter(t)) {
                permissions = event.permissions();
            }
        }
        return permissions;
    }

    /** Every user the records name. */
    Set<String> users() {
        Set<String> users = new TreeSet<>();
        grants.values().stream().filter(g -> !g.toGroup).forEach(g -> users.add(g.principal));
        members.forEach(m -> users.add(m.user));
        return users;
    }

    /** The grants that give something to the principal at t, each with the group it comes through ("" if direct). */
    List<Map.Entry<GrantRecord, String>> held(boolean group, String principal, Instant t) {
        List<Map.Entry<GrantRecord, String>> held = new ArrayList<>();
        for (GrantRecord grant : grants.values()) {
            if (grant.toGroup == group && grant.principal.equals(principal) && grant.countsAt(t)) {
                held.add(Map.entry(grant, ""));
            }
        }
        if (!group) {
            for (MemberRecord member : members) {
                if (member.user.equals(principal) && member.countsAt(t)) {
                    for (GrantRecord grant : grants.values()) {
                        if (grant.toGroup && grant.principal.equals(member.group) && grant.countsAt(t)) {
                            held.add(Map.entry(grant, member.group));
                        }
                    }
                }
            }
        }
        return held;
    }

    /** What the principal can do at t: scope key to permissions, scopes giving nothing left out. */
    Map<String, Set<String>> whatCanDo(boolean group, String principal, Instant t) {
        Map<String, Set<String>> answer = new TreeMap<>();
        for (Map.Entry<GrantRecord, String> entry : held(group, principal, t)) {
            Set<String> permissions = permissionsOf(entry.getKey().role, t);
            if (!permissions.isEmpty()) {
                answer.computeIfAbsent(key(entry.getKey().scope), k -> new TreeSet<>()).addAll(permissions);
            }
        }
        return answer;
    }

    /** Who can do {@code permission} on {@code resource} at t: user to the grants (with group) that allow it. */
    Map<String, Set<String>> whoCan(String permission, Resource resource, Instant t) {
        Map<String, Set<String>> answer = new TreeMap<>();
        for (String user : users()) {
            for (Map.Entry<GrantRecord, String> entry : held(false, user, t)) {
                if (permissionsOf(entry.getKey().role, t).contains(permission) && covers(entry.getKey().scope,
                        resource)) {
                    answer.computeIfAbsent(user, u -> new TreeSet<>())
                            .add(entry.getKey().id + "/" + entry.getValue());
                }
            }
        }
        return answer;
    }

    /** The matrix of {@code scope} at t: user to permission to WHOLE or PART. */
    Map<String, Map<String, String>> matrix(AccessScope scope, Instant t) {
        Map<String, Map<String, String>> answer = new TreeMap<>();
        for (String user : users()) {
            Map<String, String> cells = new TreeMap<>();
            for (Map.Entry<GrantRecord, String> entry : held(false, user, t)) {
                AccessScope granted = entry.getKey().scope;
                if (!overlap(granted, scope)) {
                    continue;
                }
                String coverage = contains(granted, scope) ? "WHOLE" : "PART";
                for (String permission : permissionsOf(entry.getKey().role, t)) {
                    if (coverage.equals("WHOLE") || !cells.containsKey(permission)) {
                        cells.put(permission, coverage);
                    }
                }
            }
            if (!cells.isEmpty()) {
                answer.put(user, cells);
            }
        }
        return answer;
    }

    static boolean covers(AccessScope scope, Resource resource) {
        return (scope.siteId() == null || scope.siteId().equals(resource.site()))
                && (scope.environment() == null || scope.environment() == resource.environment())
                && (scope.project() == null || scope.project().equals(resource.project()))
                && (scope.resourceId() == null || (scope.resourceType().equals(resource.type())
                && scope.resourceId().equals(resource.id())));
    }

    static boolean contains(AccessScope outer, AccessScope inner) {
        return (outer.siteId() == null || outer.siteId().equals(inner.siteId()))
                && (outer.environment() == null || outer.environment() == inner.environment())
                && (outer.project() == null || outer.project().equals(inner.project()))
                && (outer.resourceId() == null || (outer.resourceType().equals(inner.resourceType())
                && outer.resourceId().equals(inner.resourceId())));
    }

    static boolean overlap(AccessScope a, AccessScope b) {
        return agree(a.siteId(), b.siteId()) && agree(a.environment(), b.environment())
                && agree(a.project(), b.project())
                && (a.resourceId() == null || b.resourceId() == null
                || (a.resourceType().equals(b.resourceType()) && a.resourceId().equals(b.resourceId())));
    }

    private static boolean agree(Object a, Object b) {
        return a == null || b == null || a.equals(b);
    }

    /** A scope as a comparable key: every attribute, null written as {@code *}. */
    static String key(AccessScope scope) {
        return key(scope.siteId(), scope.environment(), scope.project(), scope.resourceType(), scope.resourceId());
    }

    static String key(String site, Environment environment, String project, String type, String id) {
        return String.join("|", Objects.toString(site, "*"), environment == null ? "*" : environment.name(),
                Objects.toString(project, "*"), Objects.toString(type, "*"), Objects.toString(id, "*"));
    }
}
