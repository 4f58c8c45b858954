package dev.twinledger.commandside.keycloaksync;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The groups under the parent group in Keycloak, as read at the start of a run.
 *
 * @param byName each subgroup by name: its Keycloak id and its members; unmodifiable
 */
public record KeycloakGroups(SortedMap<String, KeycloakGroup> byName) {

    /** No subgroup. */
    public static final KeycloakGroups NONE = new KeycloakGroups(new TreeMap<>());

    public KeycloakGroups {
        byName = Collections.unmodifiableSortedMap(new TreeMap<>(byName));
    }

    /** Whether a subgroup named {@code group} exists. */
    public boolean has(String group) {
        return byName.containsKey(group);
    }

    /** The lower-case usernames of {@code group}'s members; empty when the group does not exist. */
    public Set<String> members(String group) {
        KeycloakGroup found = byName.get(group);
        return found == null ? Set.of() : found.members().keySet();
    }

    /**
     * One Keycloak group under the parent group.
     *
     * @param id      Keycloak's id of the group
     * @param members Keycloak user id by lower-case username
     */
    public record KeycloakGroup(String id, Map<String, String> members) {

        public KeycloakGroup {
            members = Collections.unmodifiableMap(new TreeMap<>(members));
        }
    }
}
