package dev.twinledger.policies.evaluation;

import dev.twinledger.policies.grant.AccessState;
import dev.twinledger.policies.grant.GrantPath;
import dev.twinledger.policies.grant.Principal;
import dev.twinledger.policies.grant.Standing;
import dev.twinledger.policies.permission.Permission;
import dev.twinledger.policies.scope.ResourceRef;
import dev.twinledger.policies.scope.Scope;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Answers access questions over one {@link AccessState}. A grant path gives its role's permissions (as the catalog
 * defines the role) on its grant's scope at an instant when it exists and is {@link Standing#EFFECTIVE} then.
 * A grant to a group reaches the users who are members at that instant; groups do not nest. Stateless apart from
 * the snapshot, so safe to share. Every argument must be non-null.
 */
public final class AccessEngine {


    private final AccessState state;

    /** An engine over {@code state}. */
    public AccessEngine(AccessState state) {
        this.state = Objects.requireNonNull(state, "state");
    }

    /** The snapshot this engine answers over. */
    public AccessState state() {
        return state;
    }

    /**
     * Whether {@code principal} may {@code permission} on {@code resource} at {@code at}, and why. A user is judged
     * by their own grants and their groups'; a group by its own grants only.
     */
    public Decision check(Principal principal, Permission permission, ResourceRef resource, Instant at) {
        Objects.requireNonNull(permission, "permission");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(at, "at");
        Set<String> giving = rolesGiving(permission);
        List<GrantPath> allowing = allowingPaths(principal, giving, Scope.covering(resource), at);
        if (!allowing.isEmpty()) {
            return new Decision.Allowed(principal, permission, resource, at, allowing);
        }
        // Denied explains with every path of a role carrying the permission: none that is effective covers it.
        List<Decision.NotCounted> notCounted = new ArrayList<>();
        List<GrantPath> outOfScope = new ArrayList<>();
        for (GrantPath path : state.pathsOf(principal, giving)) {
            if (!path.existsAt(at)) {
                continue;
            }
            Standing standing = path.standingAt(at);
            if (standing == Standing.EFFECTIVE) {
                outOfScope.add(path);
            } else if (path.grant().scope().covers(resource)) {
                notCounted.add(new Decision.NotCounted(path, standing));
            }
        }
        return new Decision.Denied(principal, permission, resource, at, Scope.of(resource), notCounted, outOfScope);
    }

    /**
     * What {@code principal} can do at {@code at}: for each scope it holds an effective grant on, the union of
     * the permissions granted there. Scopes are listed as granted, not merged when one contains another; ordered
     * by their written form.
     */
    public Map<Scope, Set<Permission>> whatCanDo(Principal principal, Instant at) {
        Map<Scope, SortedSet<Permission>> byScope = new HashMap<>();
        for (GrantPath path : effectivePaths(principal, at)) {
            Set<Permission> permissions = state.roles().permissionsOf(path.grant().role());
            if (!permissions.isEmpty()) {
                byScope.computeIfAbsent(path.grant().scope(), scope -> new TreeSet<>()).addAll(permissions);
            }
        }
        // Each scope written once: a sorted map comparing written forms would write two per comparison.
        Map<String, Scope> written = new TreeMap<>();
        byScope.keySet().forEach(scope -> written.put(scope.toString(), scope));
        Map<Scope, Set<Permission>> result = new LinkedHashMap<>();
        written.values().forEach(scope -> result.put(scope, Collections.unmodifiableSortedSet(byScope.get(scope))));
        return Collections.unmodifiableMap(result);
    }

    /**
     * Every user who may {@code permission} on {@code resource} at {@code at}, directly or through groups, with
     * the paths that allow it; ordered by user id.
     */
    public Map<String, List<GrantPath>> whoCan(Permission permission, ResourceRef resource, Instant at) {
        return whoCan(permission, resource, at, 0, Integer.MAX_VALUE).users();
    }

    /**
     * One page of {@link #whoCan(Permission, ResourceRef, Instant)}: the users from the {@code offset}-th (ordered by
     * user id, from 0) to at most {@code limit} of them, with their paths, and how many users there are in all. Only
     * the page's users have their paths gathered, so a first page costs the grants on the resource's covering scopes
     * and each allowing group's members once, not every path of every user.
     */
    public WhoCanPage whoCan(Permission permission, ResourceRef resource, Instant at, int offset, int limit) {
        Objects.requireNonNull(at, "at");
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit must not be negative");
        }
        Set<Scope> scopes = Scope.covering(Objects.requireNonNull(resource, "resource"));
        Set<String> giving = rolesGiving(Objects.requireNonNull(permission, "permission"));
        List<String> users = List.copyOf(usersAllowed(scopes, giving, at));
        Map<String, List<GrantPath>> page = new LinkedHashMap<>();
        for (String user : users.subList(Math.min(offset, users.size()),
                (int) Math.min((long) offset + limit, users.size()))) {
            page.put(user, allowingPaths(Principal.user(user), giving, scopes, at));
        }
        return new WhoCanPage(users.size(), Collections.unmodifiableMap(page));
    }

    /**
     * A page of who can do an action on a resource.
     *
     * @param total how many users may, on every page
     * @param users this page's users in id order, each with the paths that allow it (as {@link #check} names them)
     */
    public record WhoCanPage(int total, Map<String, List<GrantPath>> users) {
    }

    /**
     * The users with an allowing path to a grant of one of {@code roles} on one of {@code scopes}. A path through a
     * group counts when its grant does (status and validity, {@link GrantPath#direct}) and its membership does: the
     * two are independent, so a group's members are tested once, against the first of its grants that counts.
     */
    private SortedSet<String> usersAllowed(Set<Scope> scopes, Set<String> roles, Instant at) {
        SortedSet<String> users = new TreeSet<>();
        Set<String> groupsExpanded = new HashSet<>();
        for (var grant : state.grantsOn(scopes, roles)) {
            if (!counts(GrantPath.direct(grant), at)) {
                continue;
            }
            if (grant.principal().isUser()) {
                users.add(grant.principal().id());
            } else if (groupsExpanded.add(grant.principal().id())) {
                for (var membership : state.membersOf(grant.principal().id())) {
                    if (counts(new GrantPath(grant, membership), at)) {
                        users.add(membership.userId());
                    }
                }
            }
        }
        return users;
    }

    /** The paths that give {@code principal} a role of {@code giving} on one of {@code scopes} at {@code at}. */
    private List<GrantPath> allowingPaths(Principal principal, Set<String> giving, Set<Scope> scopes, Instant at) {
        // Allowed names only the paths that allow, and those lie on a scope covering the resource: look there first.
        List<GrantPath> allowing = new ArrayList<>();
        for (GrantPath path : state.pathsOn(principal, scopes)) {
            if (giving.contains(path.grant().role()) && counts(path, at)) {
                allowing.add(path);
            }
        }
        return allowing;
    }

    private static boolean counts(GrantPath path, Instant at) {
        return path.existsAt(at) && path.standingAt(at) == Standing.EFFECTIVE;
    }

    /**
     * The effective access matrix of {@code scope} at {@code at}: every user holding a permission on some of it,
     * directly or through groups, and whether on all of it ({@link Coverage#WHOLE}: a grant's scope contains it) or
     * part ({@link Coverage#PART}: a grant's scope only overlaps it).
     */
    public AccessMatrix matrix(Scope scope, Instant at) {
        Objects.requireNonNull(scope, "scope");
        SortedMap<String, Map<Permission, Coverage>> rows = new TreeMap<>();
        for (String user : state.users()) {
            SortedMap<Permission, Coverage> cells = new TreeMap<>();
            for (GrantPath path : effectivePaths(Principal.user(user), at)) {
                Scope granted = path.grant().scope();
                if (!granted.overlaps(scope)) {
                    continue;
                }
                Coverage coverage = granted.contains(scope) ? Coverage.WHOLE : Coverage.PART;
                for (Permission permission : state.roles().permissionsOf(path.grant().role())) {
                    cells.merge(permission, coverage, (a, b) -> a.compareTo(b) >= 0 ? a : b);
                }
            }
            if (!cells.isEmpty()) {
                rows.put(user, cells);
            }
        }
        return new AccessMatrix(scope, at, rows);
    }

    /** The paths that reach {@code principal} and are effective at {@code at}. */
    public List<GrantPath> effectivePaths(Principal principal, Instant at) {
        List<GrantPath> effective = new ArrayList<>();
        for (GrantPath path : existingPaths(principal, at)) {
            if (path.standingAt(at) == Standing.EFFECTIVE) {
                effective.add(path);
            }
        }
        return Collections.unmodifiableList(effective);
    }

    /** The names of the roles that, as the catalog defines them, include {@code permission}. */
    private Set<String> rolesGiving(Permission permission) {
        Set<String> names = new HashSet<>();
        state.roles().roles().forEach((name, role) -> {
            if (role.allows(permission)) {
                names.add(name);
            }
        });
        return names;
    }

    /** Whether the path's role, as the catalog defines it, includes {@code permission}. */
    public boolean gives(GrantPath path, Permission permission) {
        return state.roles().permissionsOf(path.grant().role()).contains(permission);
    }

    private List<GrantPath> existingPaths(Principal principal, Instant at) {
        Objects.requireNonNull(at, "at");
        List<GrantPath> existing = new ArrayList<>();
        for (GrantPath path : state.pathsOf(Objects.requireNonNull(principal, "principal"))) {
            if (path.existsAt(at)) {
                existing.add(path);
            }
        }
        return existing;
    }
}
