package dev.twinledger.api.inventory;

import java.util.Map;

/**
 * A VM's tags were replaced.
 */
public record VmRetagged(String vmId, Map<String, String> tags) {
}
