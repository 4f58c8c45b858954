package dev.twinledger.api.inventory;

/** A virtual machine was decommissioned; it accepts no further changes. Names the host it released. */
public record VmDecommissioned(String vmId, String siteId, String hostId) {
}
