package dev.twinledger.api.inventory;

/** Lifecycle state of a virtual machine. A {@link #DECOMMISSIONED} VM accepts no further changes. */
public enum VmState {
    /** Running (OpenStack's ACTIVE, VMware's poweredOn). */
    ACTIVE,
    /** Stopped but still placed: it keeps its memory allocation on its host. */
    SHUTOFF,
    DECOMMISSIONED
}
