package dev.twinledger.queryside.storage;

import dev.twinledger.api.storage.ReplicaStatus;

/**
 * What {@code GET /api/containers} asks for; every filter optional, combined with AND.
 *
 * @param project only containers of this project
 * @param siteId  only containers whose policy names this site
 * @param status  only containers with at least one replica in this status (at {@code siteId}, when given)
 * @param page    zero-based page number
 * @param size    page size, 1 to 500
 */
public record ContainerFilter(String project, String siteId, ReplicaStatus status, int page, int size) {
}
