package dev.twinledger.api.storage;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Report the status of a container's replica at one site (sent by the storage monitoring).
 *
 * @param siteId an existing site named in the container's policy
 * @param status IN_SYNC, LAGGING or MISSING
 * @param detail optional free text (e.g. "1 240 objects behind"), at most 500 characters
 */
public record ReportReplicaStatus(@TargetAggregateIdentifier String containerId, String siteId, ReplicaStatus status,
                                  String detail) {
}
