package dev.twinledger.api.migration;

/** The states of a migration. COMPLETED, FAILED and ROLLED_BACK are final. */
public enum MigrationState {
    REQUESTED,
    IN_PROGRESS,
    COMPLETED,
    FAILED,
    ROLLED_BACK
}
