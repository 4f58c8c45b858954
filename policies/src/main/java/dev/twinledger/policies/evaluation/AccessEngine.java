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
        // Allowed names only the paths that allow, and those lie on a scope covering the resource: look there first.
        List<GrantPath> allowing = new ArrayList<>();
        for (GrantPath path : state.pathsOn(principal, Scope.covering(resource))) {
            if (giving.contains(path.grant().role()) && path.existsAt(at)
                    && path.standingAt(at) == Standing.EFFECTIVE) {
                allowing.add(path);
            }
        }
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
        Objects.requireNonNull(at, "at");
        // The same paths a check of each user would allow, found from the grants instead of from every user.
        SortedMap<String, List<GrantPath>> users = new TreeMap<>();
        state.pathsByUser(Scope.covering(Objects.requireNonNull(resource, "resource")),
                rolesGiving(Objects.requireNonNull(permission, "permission"))).forEach((user, paths) -> {
                    List<GrantPath> allowing = paths.stream()
                            .filter(path -> path.existsAt(at) && path.standingAt(at) == Standing.EFFECTIVE)
                            .toList();
                    if (!allowing.isEmpty()) {
                        users.put(user, allowing);
                    }
                });
        return Collections.unmodifiableSortedMap(users);
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
