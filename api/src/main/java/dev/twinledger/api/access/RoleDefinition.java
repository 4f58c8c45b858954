package dev.twinledger.api.access;

import java.util.Set;

/**
 * A role as data: a name and the permissions it gives, in their written form ({@code type:action}).
 *
 * @param name        the role name, not blank
 * @param permissions the permissions, each known to the catalog
 */
public record RoleDefinition(String name, Set<String> permissions) {

    public RoleDefinition {
        permissions = permissions == null ? Set.of() : Set.copyOf(permissions);
    }
}
