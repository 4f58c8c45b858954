package dev.twinledger.queryside.capacity;

import dev.twinledger.api.capacity.AlertSeverity;

/**
 * What {@code GET /api/alerts} asks for; every filter optional, combined with AND.
 *
 * @param state    OPEN or CLEARED; null for both
 * @param siteId   only alerts of hosts at this site
 * @param hostId   only this host's alerts
 * @param severity only alerts of this severity
 * @param page     zero-based page number
 * @param size     page size, 1 to 500
 */
public record AlertFilter(String state, String siteId, String hostId, AlertSeverity severity, int page, int size) {
}
