package dev.twinledger.queryside.storage;

import dev.twinledger.api.storage.ReplicaStatus;

import java.time.Instant;

/**
 * A container's replica at one site of its policy.
 *
 * @param siteId        the site
 * @param status        UNKNOWN (not reported since the site joined the policy), IN_SYNC, LAGGING or MISSING
 * @param detail        the report's free text, or null
 * @param inPolicySince when the site joined the container's policy
 * @param reportedAt    when the status was last reported; null while UNKNOWN
 */
public record ReplicaView(String siteId, ReplicaStatus status, String detail, Instant inPolicySince,
                          Instant reportedAt) {
}
