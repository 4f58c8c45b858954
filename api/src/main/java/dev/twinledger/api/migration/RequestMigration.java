package dev.twinledger.api.migration;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Request a migration of a VM to another host. The target must be active (not in maintenance), and have the VM's
 * memory free; it is allocated there at once, so two migrations cannot both count on the same free memory.
 *
 * @param vmId         the VM; not decommissioned, no other migration in flight
 * @param migrationId  the new migration's id, unique among this VM's migrations
 * @param targetHostId the target host; not the VM's current host
 * @param campaignId   the upgrade campaign this migration belongs to, or null
 */
public record RequestMigration(@TargetAggregateIdentifier String vmId, String migrationId, String targetHostId,
                               String campaignId) {
}
