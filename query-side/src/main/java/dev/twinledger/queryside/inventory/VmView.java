package dev.twinledger.queryside.inventory;

import dev.twinledger.api.inventory.Environment;
import dev.twinledger.api.inventory.VmState;

import java.time.Instant;

/**
 * A virtual machine as the read model knows it.
 *
 * @param id               the VM id
 * @param name             human-readable name
 * @param siteId           the site it runs at
 * @param hostId           the host it runs (or last ran) on
 * @param project          the owning project
 * @param environment      the environment it belongs to
 * @param vcpus            virtual CPUs
 * @param memoryMib        memory in MiB
 * @param state            lifecycle state
 * @param provisionedAt    when the provisioning event was stored
 * @param decommissionedAt when the decommissioning event was stored; null while not decommissioned
 */
public record VmView(String id, String name, String siteId, String hostId, String project, Environment environment,
                     int vcpus, long memoryMib, VmState state, Instant provisionedAt, Instant decommissionedAt) {
}
