package dev.twinledger.api.inventory;

/** Lifecycle state of a volume. */
public enum VolumeState {
    AVAILABLE,
    IN_USE,
    DELETED
}
