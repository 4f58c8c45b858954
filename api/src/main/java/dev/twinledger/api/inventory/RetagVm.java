package dev.twinledger.api.inventory;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Map;

/**
 * Replace a VM's tags (free key/value labels) with {@code tags}; at most 50 tags, keys and values at most 100
 * characters.
 */
public record RetagVm(@TargetAggregateIdentifier String vmId, Map<String, String> tags) {
}
