package dev.twinledger.commandside.inventory;

import dev.twinledger.api.inventory.HostState;

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

    /**
     * Where a host stands and whether it takes new VMs.
     *
     * @param hostId the host's id
     * @param siteId the site the host stands in
     * @param state  the host's lifecycle state
     */
    record HostPlacement(String hostId, String siteId, HostState state) {
    }
}
