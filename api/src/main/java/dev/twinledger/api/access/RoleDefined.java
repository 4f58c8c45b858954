package dev.twinledger.api.access;

import java.util.Set;

/**
 * A role was defined or its permissions changed, from the event's time on.
 *
 * @param role                the role name
 * @param permissions         the permissions from now on
 * @param privileged          whether its grants need approval from now on
 * @param previousPermissions the permissions before, empty for a new role
 * @param definedBy           who defined it ({@code system} for the seeded defaults)
 */
public record RoleDefined(String role, Set<String> permissions, boolean privileged, Set<String> previousPermissions,
                          String definedBy) {
}
