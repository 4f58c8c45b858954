package dev.twinledger.commandside.authorization;

import dev.twinledger.policies.scope.ResourceRef;

import java.util.Optional;

/**
 * Where an existing resource stands: its site, environment and project, as grants' scopes are matched against. Read
 * from the event store (never from a read model, which may lag), so an authorization decision uses the resource as it
 * is. Each method answers empty when no resource of that kind has the id.
 */
public interface ResourceLocator {

    /** The resource type of VMs in permissions and scopes. */
    String VM = "vm";
    /** The resource type of hosts. */
    String HOST = "host";
    /** The resource type of volumes. */
    String VOLUME = "volume";
    /** The resource type of object-storage containers. */
    String CONTAINER = "container";
    /** The resource type of upgrade campaigns. */
    String CAMPAIGN = "campaign";
    /** The resource type of projects. */
    String PROJECT = "project";

    /** A VM: where it was provisioned, or the site it moved to with its latest completed migration. */
    Optional<ResourceRef> vm(String vmId);

    /** A host: its site; hosts serve every environment and project. */
    Optional<ResourceRef> host(String hostId);

    /** A volume: its site and project. */
    Optional<ResourceRef> volume(String volumeId);

    /** An object-storage container: its project (its replicas span sites, so it has no one site). */
    Optional<ResourceRef> container(String containerId);

    /** An upgrade campaign: the site whose hosts it upgrades. */
    Optional<ResourceRef> campaign(String campaignId);

    /** A project as a resource: its project attribute is its own id. Needs no lookup. */
    static ResourceRef project(String projectId) {
        return new ResourceRef(PROJECT, projectId, null, null, projectId);
    }
}
