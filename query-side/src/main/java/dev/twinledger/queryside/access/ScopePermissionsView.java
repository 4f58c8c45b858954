package dev.twinledger.queryside.access;

import java.util.List;

/**
 * What a principal may do on one scope it holds grants on.
 *
 * @param scope       the granted scope
 * @param permissions the union of the permissions its effective grants there give, sorted
 * @param paths       those grants, with how they reach the principal
 */
public record ScopePermissionsView(ScopeView scope, List<String> permissions, List<GrantPathView> paths) {
}
