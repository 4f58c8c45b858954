package dev.twinledger.api.inventory;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Create a block-storage volume at a site.
 *
 * @param volumeId the new volume's id; must not exist yet
 * @param name     human-readable name, not blank
 * @param siteId   the site that holds it; must exist
 * @param project  the owning project; must be registered
 * @param sizeGib  size in GiB, at least 1
 */
public record CreateVolume(@TargetAggregateIdentifier String volumeId, String name, String siteId, String project,
                           long sizeGib) {
}
