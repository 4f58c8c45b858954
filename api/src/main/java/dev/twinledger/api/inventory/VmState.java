package dev.twinledger.api.inventory;

/** Lifecycle state of a virtual machine. A {@link #DECOMMISSIONED} VM accepts no further changes. */
public enum VmState {
    ACTIVE,
    DECOMMISSIONED
}
