package dev.twinledger.commandside.inventory;

import dev.twinledger.api.inventory.HostState;
import dev.twinledger.api.inventory.Platform;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An {@link InventoryLookup} over fixed facts, standing in for the event store in aggregate fixtures. Every project
 * counts as registered until the first {@link #withProject}; from then on only the projects named so, so fixtures that
 * are not about projects need not register any.
 */
public final class FakeInventory implements InventoryLookup {

    private final Map<String, Platform> sites = new HashMap<>();
    private final Map<String, HostPlacement> hosts = new HashMap<>();
    /** {@code null}: every project is registered. */
    private Set<String> projects;

    public FakeInventory withSite(String siteId) {
        return withSite(siteId, Platform.OPENSTACK);
    }

    public FakeInventory withSite(String siteId, Platform platform) {
        sites.put(siteId, platform);
        return this;
    }

    public FakeInventory withHost(String hostId, String siteId, HostState state) {
        hosts.put(hostId, new HostPlacement(hostId, siteId, state));
        return this;
    }

    /** Only the projects named through this method are registered from now on. */
    public FakeInventory withProject(String projectId) {
        if (projects == null) {
            projects = new HashSet<>();
        }
        projects.add(projectId);
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
        return projects == null || projects.contains(projectId);
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
