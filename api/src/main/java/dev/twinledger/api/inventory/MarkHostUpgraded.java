package dev.twinledger.api.inventory;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Record that a host's platform software was upgraded. The host must be in maintenance and empty (evacuated).
 *
 * @param hostId          the host
 * @param softwareVersion the version now installed, not blank
 */
public record MarkHostUpgraded(@TargetAggregateIdentifier String hostId, String softwareVersion) {
}
