package dev.twinledger.api.migration;

/** What a migration crosses; derived from the source and the target, never given by the caller. */
public enum MigrationKind {
    /** Another host in the same site. */
    HOST_TO_HOST,
    /** A host in another site on the same platform. */
    SITE_TO_SITE,
    /** A host in a site on another platform (OpenStack and VMware): the VM gets a new platform id. */
    CROSS_PLATFORM
}
