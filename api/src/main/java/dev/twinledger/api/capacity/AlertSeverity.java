package dev.twinledger.api.capacity;

/** How close a host is to running out of memory for VMs. */
public enum AlertSeverity {
    WARNING,
    CRITICAL
}
