package dev.twinledger.queryside.inventory;

import dev.twinledger.api.inventory.VolumeState;

/**
 * What {@code GET /api/volumes} asks for; every filter optional, combined with AND.
 *
 * @param siteId  only volumes at this site
 * @param project only volumes of this project
 * @param state   only volumes in this state
 * @param vmId    only volumes attached to this VM
 * @param page    zero-based page number
 * @param size    page size, 1 to 500
 */
public record VolumeFilter(String siteId, String project, VolumeState state, String vmId, int page, int size) {
}
