package dev.twinledger.api.access;

import java.util.List;
import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Creates the access directory at first start: the default roles, which of them are privileged, and the bootstrap
 * admins, who each receive {@code access-admin} everywhere so that an empty system can be set up. Sent by the
 * service itself (actor {@code system}); refused as a conflict once the directory exists.
 *
 * @param roles           the roles to seed
 * @param privilegedRoles the names among {@code roles} whose grants need a second person's approval
 * @param bootstrapAdmins the usernames who hold {@code access-admin} everywhere from the start; at least one
 */
public record InitializeAccessDirectory(List<RoleDefinition> roles, Set<String> privilegedRoles,
                                        List<String> bootstrapAdmins) {

    @TargetAggregateIdentifier
    public String directoryId() {
        return AccessDirectory.ID;
    }
}
