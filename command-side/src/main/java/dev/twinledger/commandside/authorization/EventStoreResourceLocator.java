package dev.twinledger.commandside.authorization;

import dev.twinledger.api.campaign.UpgradeCampaignCreated;
import dev.twinledger.api.inventory.HostRegistered;
import dev.twinledger.api.inventory.VmProvisioned;
import dev.twinledger.api.inventory.VolumeCreated;
import dev.twinledger.api.migration.MigrationCompleted;
import dev.twinledger.api.storage.ContainerCreated;
import dev.twinledger.policies.scope.ResourceRef;

import java.util.Optional;

/**
 * {@link ResourceLocator} over the event store: a resource's stream starts with its creation event, which names its
 * site, environment and project; only a VM moves, with each completed migration. An id whose stream starts with
 * another kind's creation event (ids are shared by every kind) is not a resource of the kind asked for.
 */
public final class EventStoreResourceLocator implements ResourceLocator {

    private final StoredEvents store;

    public EventStoreResourceLocator(StoredEvents store) {
        this.store = store;
    }

    @Override
    public Optional<ResourceRef> vm(String vmId) {
        return created(vmId, VmProvisioned.class).map(provisioned -> ResourceRef.vm(vmId,
                store.latest(vmId, MigrationCompleted.class).map(MigrationCompleted::targetSiteId)
                        .orElse(provisioned.siteId()),
                provisioned.environment(), provisioned.project()));
    }

    @Override
    public Optional<ResourceRef> host(String hostId) {
        return created(hostId, HostRegistered.class).map(registered -> ResourceRef.host(hostId, registered.siteId()));
    }

    @Override
    public Optional<ResourceRef> volume(String volumeId) {
        return created(volumeId, VolumeCreated.class).map(created -> new ResourceRef(VOLUME, volumeId,
                created.siteId(), null, created.project()));
    }

    @Override
    public Optional<ResourceRef> container(String containerId) {
        return created(containerId, ContainerCreated.class).map(created -> new ResourceRef(CONTAINER, containerId,
                null, null, created.project()));
    }

    @Override
    public Optional<ResourceRef> campaign(String campaignId) {
        return created(campaignId, UpgradeCampaignCreated.class).map(created -> new ResourceRef(CAMPAIGN, campaignId,
                created.siteId(), null, null));
    }

    private <T> Optional<T> created(String id, Class<T> creation) {
        return store.first(id).filter(creation::isInstance).map(creation::cast);
    }
}
