package dev.twinledger.policies.role;

import dev.twinledger.policies.permission.Permission;

import java.util.Arrays;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A named set of permissions. Roles are data with a history kept elsewhere; this is one version of one role.
 *
 * @param name        the role's name, e.g. {@code operator}: a letter, then lower-case letters, digits or hyphens
 * @param permissions what the role allows; not null, no null elements, may be empty; kept as an unmodifiable set
 *                    ordered by written form
 */
public record Role(String name, Set<Permission> permissions) {

    /** Checks the name and copies the permissions. Null name or set: {@link NullPointerException}. */
    public Role {
        requireName(name);
        Objects.requireNonNull(permissions, "permissions");
        SortedSet<Permission> copy = new TreeSet<>();
        for (Permission permission : permissions) {
            copy.add(Objects.requireNonNull(permission, "permission"));
        }
        permissions = Collections.unmodifiableSortedSet(copy);
    }

    /** A role with the given permissions. */
    public static Role of(String name, Permission... permissions) {
        return new Role(name, Set.copyOf(Arrays.asList(permissions)));
    }

    /** Whether this role allows {@code permission}. */
    public boolean allows(Permission permission) {
        return permission != null && permissions.contains(permission);
    }

    /** Throws unless {@code name} is a well-formed role name (same shape as a permission's parts). */
    static void requireName(String name) {
        Objects.requireNonNull(name, "role name");
        if (!Permission.isWord(name)) {
            throw new IllegalArgumentException(
                    "role name must be a lower-case word (letters, digits, hyphens), was '" + name + "'");
        }
    }
}
