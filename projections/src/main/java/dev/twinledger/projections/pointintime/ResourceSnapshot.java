package dev.twinledger.projections.pointintime;

import java.util.List;

/**
 * The whole state of one inventory resource after an event of its stream. Each implementation is a record whose
 * components are the attributes an auditor sees (they are stored as the version's jsonb {@code attributes}); the
 * methods declared here are not components, and say which version columns the point-in-time queries filter on.
 */
public sealed interface ResourceSnapshot
        permits SiteSnapshot, ProjectSnapshot, HostSnapshot, VmSnapshot, VolumeSnapshot, ContainerSnapshot {

    /** The resource's id: its stream's aggregate id. */
    String id();

    /** The resource type as the API and grant scopes name it: site, project, host, vm, volume or container. */
    String resourceType();

    /** The columns of the version row that queries filter on; null where the type has no such attribute. */
    FilterColumns filterColumns();

    /**
     * What a version row is filtered on.
     *
     * @param siteId          the one site the resource stands in (host, VM, volume); null for sites, projects and
     *                        containers, which are not listed under a site by this column
     * @param project         the owning project (VM, volume, container), or null
     * @param environment     the VM's environment name, or null
     * @param state           the lifecycle state's name (host, VM, volume), or null
     * @param hostId          the VM's host, or null
     * @param replicaSiteIds  the sites a container keeps a replica at; empty for every other type
     */
    record FilterColumns(String siteId, String project, String environment, String state, String hostId,
                         List<String> replicaSiteIds) {

        /** No filter column at all. */
        static final FilterColumns NONE = new FilterColumns(null, null, null, null, null, List.of());
    }
}
