package dev.twinledger.commandside.inventory;

import dev.twinledger.api.inventory.HostState;
import dev.twinledger.api.inventory.Platform;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** An {@link InventoryLookup} over fixed facts, standing in for the event store in aggregate fixtures. */
final class FakeInventory implements InventoryLookup {

    private final Map<String, Platform> sites = new HashMap<>();
    private final Map<String, HostPlacement> hosts = new HashMap<>();

    FakeInventory withSite(String siteId) {
        return withSite(siteId, Platform.OPENSTACK);
    }

    FakeInventory withSite(String siteId, Platform platform) {
        sites.put(siteId, platform);
        return this;
    }

    FakeInventory withHost(String hostId, String siteId, HostState state) {
        hosts.put(hostId, new HostPlacement(hostId, siteId, state));
        return this;
    }

    @Override
    public boolean siteExists(String siteId) {
        return sites.containsKey(siteId);
    }

    @Override
    public Optional<HostPlacement> host(String hostId) {
        return Optional.ofNullable(hosts.get(hostId));
    }

    @Override
    public boolean projectExists(String projectId) {
        return true;
    }

    @Override
    public Optional<Platform> sitePlatform(String siteId) {
        return Optional.ofNullable(sites.get(siteId));
    }

    @Override
    public Optional<HostCapacity> capacity(String hostId) {
        return Optional.empty();
    }
}
