package dev.twinledger.commandside.keycloaksync;

import java.util.Optional;

/**
 * The few Keycloak admin operations the sync needs, in one realm. Every method either does what it says or throws
 * {@link KeycloakAdminException}; none creates users.
 */
public interface KeycloakAdmin {

    /** The id of the top-level group {@code name}, created first when it does not exist. */
    String ensureTopLevelGroup(String name);

    /** The subgroups of {@code parentId} with their members (usernames in lower case). */
    KeycloakGroups subgroups(String parentId);

    /** Creates subgroup {@code name} under {@code parentId} and answers its id (the existing one's if it exists). */
    String createSubgroup(String parentId, String name);

    /** The id of the user {@code username} (case-insensitive), or empty when Keycloak has no such user. */
    Optional<String> findUser(String username);

    /** Makes the user a member of the group; nothing happens when it already is one. */
    void addMember(String userId, String groupId);

    /** Ends the user's membership of the group; nothing happens when it is not a member. */
    void removeMember(String userId, String groupId);
}
