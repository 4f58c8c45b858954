package dev.twinledger.api.access;

import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Defines a new role or changes an existing one's permissions. Needs {@code role:define} everywhere, and (no
 * escalation) the definer must hold every permission they put in the role. A past check uses the role as it was.
 *
 * @param role        the role name
 * @param permissions the complete new set of permissions, each known
 * @param privileged  whether grants of the role need a second person's approval
 * @param definedBy   the username of who defines it (set from the token, never from the body)
 */
public record DefineRole(String role, Set<String> permissions, boolean privileged, String definedBy) {

    @TargetAggregateIdentifier
    public String directoryId() {
        return AccessDirectory.ID;
    }
}
