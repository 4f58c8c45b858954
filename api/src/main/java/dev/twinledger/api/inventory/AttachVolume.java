package dev.twinledger.api.inventory;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Attach an available volume to a VM at the same site that is not decommissioned.
 */
public record AttachVolume(@TargetAggregateIdentifier String volumeId, String vmId) {
}
