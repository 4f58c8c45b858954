package dev.twinledger.policies.role;

import dev.twinledger.policies.permission.Permission;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The roles in force at one moment, by name, and which of them are privileged: a grant of a privileged role takes
 * effect only once a second person approves it. Immutable; every "with" method returns a new catalog.
 *
 * @param roles      role name to role; not null, every key equal to its role's name; kept sorted and unmodifiable
 * @param privileged names of privileged roles; not null, each must name a role in {@code roles}
 */
public record RoleCatalog(Map<String, Role> roles, Set<String> privileged) {

    /** Checks that keys match names and privileged roles exist, and copies both collections. */
    public RoleCatalog {
        Objects.requireNonNull(roles, "roles");
        Objects.requireNonNull(privileged, "privileged");
        SortedMap<String, Role> rolesCopy = new TreeMap<>();
        roles.forEach((name, role) -> {
            if (!role.name().equals(name)) {
                throw new IllegalArgumentException("role '" + role.name() + "' filed under '" + name + "'");
            }
            rolesCopy.put(name, role);
        });
        SortedSet<String> privilegedCopy = new TreeSet<>();
        for (String name : privileged) {
            if (!rolesCopy.containsKey(name)) {
                throw new IllegalArgumentException("privileged role '" + name + "' is not defined");
            }
            privilegedCopy.add(name);
        }
        roles = Collections.unmodifiableSortedMap(rolesCopy);
        privileged = Collections.unmodifiableSortedSet(privilegedCopy);
    }

    /**
     * A catalog of {@code roles}, of which {@code privileged} are privileged.
     *
     * @throws IllegalArgumentException when two roles share a name or a privileged name is not among the roles
     */
    public static RoleCatalog of(Collection<Role> roles, Set<String> privileged) {
        Map<String, Role> byName = new TreeMap<>();
        for (Role role : roles) {
            if (byName.put(role.name(), role) != null) {
                throw new IllegalArgumentException("role '" + role.name() + "' defined twice");
            }
        }
        return new RoleCatalog(byName, privileged);
    }

    /** The role named {@code name}, or empty when none is defined (null names none). */
    public Optional<Role> role(String name) {
        return Optional.ofNullable(name).map(roles::get);
    }

    /** The permissions of the role named {@code name}; empty when no such role is defined. */
    public Set<Permission> permissionsOf(String name) {
        return role(name).map(Role::permissions).orElse(Set.of());
    }

    /** Whether a role named {@code name} is defined. */
    public boolean isDefined(String name) {
        return role(name).isPresent();
    }

    /** Whether the role named {@code name} is privileged; an undefined role is not. */
    public boolean isPrivileged(String name) {
        return name != null && privileged.contains(name);
    }

    /** This catalog with {@code role} added, or replacing the role of the same name (privilege unchanged). */
    public RoleCatalog with(Role role) {
        Map<String, Role> changed = new TreeMap<>(roles);
        changed.put(role.name(), role);
        return new RoleCatalog(changed, privileged);
    }

    /** This catalog without the role named {@code name} (and no longer privileged); unchanged when undefined. */
    public RoleCatalog without(String name) {
        Map<String, Role> changed = new TreeMap<>(roles);
        changed.remove(name);
        Set<String> stillPrivileged = new TreeSet<>(privileged);
        stillPrivileged.remove(name);
        return new RoleCatalog(changed, stillPrivileged);
    }

    /** This catalog with exactly {@code names} privileged; each must be defined. */
    public RoleCatalog withPrivileged(Set<String> names) {
        return new RoleCatalog(roles, names);
    }
}
