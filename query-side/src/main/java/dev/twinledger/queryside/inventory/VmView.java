package dev.twinledger.queryside.inventory;

import dev.twinledger.api.inventory.Environment;
import dev.twinledger.api.inventory.Platform;
import dev.twinledger.api.inventory.VmState;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A virtual machine as the read model knows it.
 *
 * @param id                 the VM id, kept for life across every migration
 * @param name               human-readable name
 * @param siteId             the site it runs at
 * @param platform           the platform of that site; null while the site's registration has not arrived
 * @param hostId             the host it runs (or last ran) on
 * @param project            the owning project
 * @param environment        the environment it belongs to
 * @param vcpus              virtual CPUs
 * @param memoryMib          memory in MiB
 * @param state              ACTIVE (running), SHUTOFF (stopped, still placed) or DECOMMISSIONED
 * @param platformId         its id on its platform (OpenStack server UUID, VMware managed object id); may be null
 * @param tags               its tags, by key
 * @param currentMigrationId the migration in flight, or null
 * @param volumeIds          the volumes attached to it, in attach order
 * @param provisionedAt      when the provisioning event was stored
 * @param decommissionedAt   when the decommissioning event was stored; null while not decommissioned
 */
public record VmView(String id, String name, String siteId, Platform platform, String hostId, String project,
                     Environment environment, int vcpus, long memoryMib, VmState state, String platformId,
                     Map<String, String> tags, String currentMigrationId, List<String> volumeIds,
                     Instant provisionedAt, Instant decommissionedAt) {
}
