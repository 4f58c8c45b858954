package dev.twinledger.api.inventory;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Put an active host into maintenance: it keeps its VMs but takes no new ones, nor incoming migrations.
 */
public record StartHostMaintenance(@TargetAggregateIdentifier String hostId) {
}
