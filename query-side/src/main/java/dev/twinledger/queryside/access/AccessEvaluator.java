package dev.twinledger.queryside.access;

import dev.twinledger.policies.evaluation.AccessEngine;
import dev.twinledger.policies.evaluation.AccessMatrix;
import dev.twinledger.policies.evaluation.Coverage;
import dev.twinledger.policies.evaluation.Decision;
import dev.twinledger.policies.grant.GrantPath;
import dev.twinledger.policies.grant.GroupMembership;
import dev.twinledger.policies.grant.Principal;
import dev.twinledger.policies.history.AccessHistory;
import dev.twinledger.policies.permission.Permission;
import dev.twinledger.policies.role.RoleCatalog;
import dev.twinledger.policies.scope.ResourceRef;
import dev.twinledger.policies.scope.Scope;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Answers access questions for any instant with the policies engine over the folded access history:
 * {@code new AccessEngine(history.at(asOf))}, the grants and memberships with their own instants and the role
 * catalog as it stood then. Each call first brings the fold up to what the read model holds.
 */
@Service
public class AccessEvaluator {

    private final FoldedAccessHistory folded;

    public AccessEvaluator(FoldedAccessHistory folded) {
        this.folded = folded;
    }

    /** The engine over the access state at {@code asOf}, after folding what the read model holds. */
    public AccessEngine engineAt(Instant asOf) {
        return new AccessEngine(folded.refresh().at(asOf));
    }

    /** The history folded so far, brought up to date. */
    public AccessHistory history() {
        return folded.refresh();
    }

    /** Whether {@code principal} may {@code permission} on {@code resource} at {@code asOf}, and why. */
    public CheckView check(Principal principal, Permission permission, ResourceRef resource, String attributesFrom,
                           Instant asOf) {
        Decision decision = engineAt(asOf).check(principal, permission, resource, asOf);
        ResourceView resourceView = ResourceView.of(resource, attributesFrom);
        if (decision instanceof Decision.Allowed allowed) {
            return new CheckView(true, principal.toString(), permission.toString(), resourceView, asOf,
                    paths(allowed.paths()), null, List.of(), List.of(), allowed.explanation());
        }
        Decision.Denied denied = (Decision.Denied) decision;
        return new CheckView(false, principal.toString(), permission.toString(), resourceView, asOf, List.of(),
                new CheckView.Missing(permission.toString(), ScopeView.of(denied.needed())),
                denied.notCounted().stream()
                        .map(n -> new CheckView.NotCounted(GrantPathView.of(n.path()), n.standing().name()))
                        .toList(),
                paths(denied.outOfScope()), denied.explanation());
    }

    /**
     * What {@code principal} may do at {@code asOf}: per granted scope (ordered by its written form), the permissions
     * and the effective paths that give them.
     */
    public List<ScopePermissionsView> whatCanDo(Principal principal, Instant asOf) {
        AccessEngine engine = engineAt(asOf);
        // The paths by scope in one pass: filtering every path once per scope would cost scopes x paths.
        Map<Scope, List<GrantPath>> byScope = new HashMap<>();
        for (GrantPath path : engine.effectivePaths(principal, asOf)) {
            if (!engine.state().roles().permissionsOf(path.grant().role()).isEmpty()) {
                byScope.computeIfAbsent(path.grant().scope(), scope -> new ArrayList<>()).add(path);
            }
        }
        List<ScopePermissionsView> items = new ArrayList<>();
        engine.whatCanDo(principal, asOf).forEach((scope, permissions) -> items.add(new ScopePermissionsView(
                ScopeView.of(scope), permissions.stream().map(Permission::toString).sorted().toList(),
                paths(byScope.get(scope)))));
        return items;
    }

    /** Every user who may {@code permission} on {@code resource} at {@code asOf}, by username, with their paths. */
    public List<UserAccessView> whoCan(Permission permission, ResourceRef resource, Instant asOf) {
        return whoCan(permission, resource, asOf, 0, Integer.MAX_VALUE).items();
    }

    /**
     * The page {@code page} (of {@code size}) of {@link #whoCan(Permission, ResourceRef, Instant)}: only that page's
     * users have their paths gathered and written, so a first page stays cheap when thousands of users may.
     */
    public Page<UserAccessView> whoCan(Permission permission, ResourceRef resource, Instant asOf, int page, int size) {
        AccessEngine.WhoCanPage found = engineAt(asOf).whoCan(permission, resource, asOf,
                (int) Math.min((long) page * size, Integer.MAX_VALUE), size);
        List<UserAccessView> users = new ArrayList<>();
        found.users().forEach((user, paths) -> users.add(new UserAccessView(user, paths(paths))));
        return new Page<>(users, found.total());
    }

    /**
     * One page of an answer.
     *
     * @param items the page's items, in the answer's order
     * @param total how many items the whole answer has
     */
    public record Page<T>(List<T> items, long total) {
    }

    /** The effective access matrix of {@code scope} at {@code asOf}. */
    public MatrixView matrix(Scope scope, Instant asOf) {
        AccessMatrix matrix = engineAt(asOf).matrix(scope, asOf);
        List<MatrixView.Row> rows = new ArrayList<>();
        matrix.rows().forEach((user, cells) -> {
            Map<String, Coverage> permissions = new LinkedHashMap<>();
            cells.forEach((permission, coverage) -> permissions.put(permission.toString(), coverage));
            rows.add(new MatrixView.Row(user, permissions));
        });
        return new MatrixView(ScopeView.of(scope), asOf, rows);
    }

    /** The role catalog in force at {@code asOf}. */
    public RoleCatalog rolesAt(Instant asOf) {
        return folded.refresh().rolesAt(asOf);
    }

    /** The members of {@code groupId} at {@code asOf}: their membership intervals then, by username. */
    public List<MembershipView> membersAt(String groupId, Instant asOf) {
        return folded.refresh().current().membersOf(groupId).stream()
                .filter(membership -> membership.existsAt(asOf) && membership.validity().contains(asOf))
                .sorted(Comparator.comparing(GroupMembership::userId))
                .map(MembershipView::of)
                .toList();
    }

    /** Whether the user holds any of {@code permissions} on a scope covering {@code resource} at {@code at}. */
    public boolean holdsOn(String user, Set<Permission> permissions, ResourceRef resource, Instant at) {
        AccessEngine engine = engineAt(at);
        return permissions.stream()
                .anyMatch(permission -> engine.check(Principal.user(user), permission, resource, at).allowed());
    }

    /** Whether the user holds any of {@code permissions} on a scope containing all of {@code scope} at {@code at}. */
    public boolean holdsOn(String user, Set<Permission> permissions, Scope scope, Instant at) {
        AccessEngine engine = engineAt(at);
        return engine.effectivePaths(Principal.user(user), at).stream()
                .filter(path -> path.grant().scope().contains(scope))
                .anyMatch(path -> permissions.stream().anyMatch(permission -> engine.gives(path, permission)));
    }

    private static List<GrantPathView> paths(List<GrantPath> paths) {
        return paths.stream().map(GrantPathView::of).toList();
    }
}
