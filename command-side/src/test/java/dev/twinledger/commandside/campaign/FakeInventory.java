package dev.twinledger.commandside.campaign;

import dev.twinledger.api.inventory.HostState;
import dev.twinledger.api.inventory.Platform;
import dev.twinledger.commandside.inventory.InventoryLookup;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** An {@link InventoryLookup} over hosts with fixed memory and allocations, standing in for the event store. */
final class FakeInventory implements InventoryLookup {

    private final Set<String> sites = new HashSet<>();
    private final Map<String, HostCapacity> hosts = new HashMap<>();

    FakeInventory site(String siteId) {
        sites.add(siteId);
        return this;
    }

    /** A host with {@code capacityMib} and the given VM allocations as alternating id, MiB pairs. */
    FakeInventory host(String hostId, String siteId, HostState state, long capacityMib, Object... vmAndMib) {
        Map<String, Long> allocations = new LinkedHashMap<>();
        for (int i = 0; i < vmAndMib.length; i += 2) {
            allocations.put((String) vmAndMib[i], ((Number) vmAndMib[i + 1]).longValue());
        }
        long allocated = allocations.values().stream().mapToLong(Long::longValue).sum();
        hosts.put(hostId, new HostCapacity(hostId, siteId, state, false, capacityMib, allocated, allocations));
        return this;
    }

    @Override
    public boolean siteExists(String siteId) {
        return sites.contains(siteId);
    }

    @Override
    public Optional<HostPlacement> host(String hostId) {
        return Optional.ofNullable(hosts.get(hostId))
                .map(host -> new HostPlacement(host.hostId(), host.siteId(), host.state()));
    }

    @Override
    public boolean projectExists(String projectId) {
        return true;
    }

    @Override
    public Optional<Platform> sitePlatform(String siteId) {
        return sites.contains(siteId) ? Optional.of(Platform.OPENSTACK) : Optional.empty();
    }

    @Override
    public Optional<HostCapacity> capacity(String hostId) {
        return Optional.ofNullable(hosts.get(hostId));
    }
}
