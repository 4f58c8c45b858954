package dev.twinledger.queryside.inventory;

import dev.twinledger.api.inventory.VolumeState;

import java.time.Instant;

/**
 * A block-storage volume as the read model knows it.
 *
 * @param id        the volume id
 * @param name      human-readable name
 * @param siteId    the site that holds it
 * @param project   the owning project
 * @param sizeGib   size in GiB
 * @param state     AVAILABLE, IN_USE or DELETED
 * @param vmId      the VM it is attached to, or null
 * @param createdAt when the creation event was stored
 * @param deletedAt when it was deleted; null before
 */
public record VolumeView(String id, String name, String siteId, String project, long sizeGib, VolumeState state,
                         String vmId, Instant createdAt, Instant deletedAt) {
}
