package dev.twinledger.api.storage;

/** Replication status of one container's replica at one site, as reported by the storage platform. */
public enum ReplicaStatus {
    /** Not yet reported since the site joined the policy. */
    UNKNOWN,
    IN_SYNC,
    LAGGING,
    MISSING
}
