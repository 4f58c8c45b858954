package dev.twinledger.api.storage;

/**
 * The status of a container's replica at a site was reported.
 */
public record ReplicaStatusReported(String containerId, String siteId, ReplicaStatus status,
                                    ReplicaStatus previousStatus,
                                    String detail) {
}
