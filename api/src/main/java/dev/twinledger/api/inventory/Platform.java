package dev.twinledger.api.inventory;

/** The virtualization platform a site runs. */
public enum Platform {
    OPENSTACK,
    VMWARE
}
