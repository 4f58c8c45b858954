package dev.twinledger.api.access;

import java.util.List;
import java.util.Set;

/**
 * The access directory was created. It is followed, in the same transaction, by a {@link RoleDefined} per seeded role
 * and a {@link GrantRequested} per bootstrap admin (requested by {@code system}, needing no approval).
 *
 * @param privilegedRoles the role names whose grants need a second person's approval
 * @param bootstrapAdmins the usernames given {@code access-admin} everywhere
 */
public record AccessDirectoryInitialized(Set<String> privilegedRoles, List<String> bootstrapAdmins) {
}
