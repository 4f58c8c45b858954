package dev.twinledger.commandside.inventory;

import dev.twinledger.api.inventory.HostState;
import dev.twinledger.api.inventory.Platform;

import java.util.Map;
import java.util.Optional;

/**
 * What the inventory aggregates need to know about other aggregates to enforce cross-aggregate rules. It is answered
 * from the event store, inside the command's unit of work, never from a read model: a read model may lag behind and
 * would let a VM land on a host that was just taken out of service.
 */
public interface InventoryLookup {

    /** Whether a site with this id has been registered. */
    boolean siteExists(String siteId);

    /** The host with this id as it stands now, or empty when no such host was registered. */
    Optional<HostPlacement> host(String hostId);

    /** Whether a project with this id has been registered. */
    boolean projectExists(String projectId);

    /** The platform of a registered site, or empty when no such site was registered. */
    Optional<Platform> sitePlatform(String siteId);

    /**
     * The memory of the host with this id as it stands now, or empty when no such host was registered. Inside a
     * command's unit of work the host is loaded, and locked, so the answer holds until that unit of work ends.
     */
    Optional<HostCapacity> capacity(String hostId);

    /**
     * Where a host stands and whether it takes new VMs.
     *
     * @param hostId the host's id
     * @param siteId the site the host stands in
     * @param state  the host's lifecycle state
     */
    record HostPlacement(String hostId, String siteId, HostState state) {
    }

    /**
     * A host's memory for placement decisions. All sizes are MiB.
     *
     * @param hostId       the host's id
     * @param siteId       the site the host stands in
     * @param state        the host's lifecycle state
     * @param temporary    whether the host is temporary capacity
     * @param capacityMib  the memory the host offers to VMs: {@code floor((physical - reserved) * overcommit)}
     * @param allocatedMib the memory allocated on it now, to VMs running there and to migrations coming in
     * @param allocations  the allocated memory by VM id
     */
    record HostCapacity(String hostId, String siteId, HostState state, boolean temporary, long capacityMib,
                        long allocatedMib, Map<String, Long> allocations) {

        /** Memory still free for new VMs or incoming migrations; negative if the host was over-allocated. */
        public long freeMib() {
            return capacityMib - allocatedMib;
        }
    }
}
