package dev.twinledger.api.inventory;

/** Lifecycle state of a host. Only {@link #ACTIVE} hosts accept new VMs. */
public enum HostState {
    ACTIVE,
    MAINTENANCE,
    DECOMMISSIONED
}
