package dev.twinledger.policies.permission;

import java.util.Collections;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The catalog of permissions Twinledger's commands and queries check. A role may name a permission outside it (roles
 * are data), but whoever defines a role should refuse one that {@link #isKnown(Permission) is not known}.
 */
public final class Permissions {

    /** Provision a virtual machine. */
    public static final Permission VM_PROVISION = Permission.parse("vm:provision");
    /** Decommission a virtual machine. */
    public static final Permission VM_DECOMMISSION = Permission.parse("vm:decommission");
    /** Migrate a virtual machine to another host. */
    public static final Permission VM_MIGRATE = Permission.parse("vm:migrate");
    /** Operate a virtual machine: start, stop, resize, rename and retag it. */
    public static final Permission VM_OPERATE = Permission.parse("vm:operate");
    /** Register a hypervisor host, or change whether it is temporary capacity. */
    public static final Permission HOST_REGISTER = Permission.parse("host:register");
    /** Put a host into or out of maintenance. */
    public static final Permission HOST_MAINTENANCE = Permission.parse("host:maintenance");
    /** Decommission an empty host. */
    public static final Permission HOST_DECOMMISSION = Permission.parse("host:decommission");
    /** Register a data-centre site. */
    public static final Permission SITE_REGISTER = Permission.parse("site:register");
    /** Register a project (a tenant that owns VMs, volumes and containers). */
    public static final Permission PROJECT_REGISTER = Permission.parse("project:register");
    /** Create, attach, detach and delete block-storage volumes. */
    public static final Permission VOLUME_MANAGE = Permission.parse("volume:manage");
    /** Create object-storage containers, change their replica policy and report replica status. */
    public static final Permission STORAGE_MANAGE = Permission.parse("storage:manage");
    /** Read the inventory (sites, hosts, VMs and their history). */
    public static final Permission INVENTORY_READ = Permission.parse("inventory:read");
    /** Run a migration campaign (for example moving VMs off the main cloud during an upgrade). */
    public static final Permission CAMPAIGN_RUN = Permission.parse("campaign:run");
    /** Grant a role on a scope (subject to the no-escalation rule). */
    public static final Permission GRANT_CREATE = Permission.parse("grant:create");
    /** Approve a pending grant of a privileged role (as the second person). */
    public static final Permission GRANT_APPROVE = Permission.parse("grant:approve");
    /** Revoke a grant. */
    public static final Permission GRANT_REVOKE = Permission.parse("grant:revoke");
    /** Define or change a role. */
    public static final Permission ROLE_DEFINE = Permission.parse("role:define");
    /** Add users to groups and remove them. */
    public static final Permission GROUP_MANAGE = Permission.parse("group:manage");
    /** Run an access review campaign. */
    public static final Permission REVIEW_RUN = Permission.parse("review:run");
    /** Read the audit log and past access. */
    public static final Permission AUDIT_READ = Permission.parse("audit:read");

    /** Every permission above, ordered by written form; unmodifiable. */
    public static final SortedSet<Permission> ALL = Collections.unmodifiableSortedSet(new TreeSet<>(Stream.of(
            VM_PROVISION, VM_DECOMMISSION, VM_MIGRATE, VM_OPERATE, HOST_REGISTER, HOST_MAINTENANCE,
            HOST_DECOMMISSION, SITE_REGISTER, PROJECT_REGISTER, VOLUME_MANAGE, STORAGE_MANAGE, INVENTORY_READ, CAMPAIGN_RUN, GRANT_CREATE, GRANT_APPROVE, GRANT_REVOKE, ROLE_DEFINE, GROUP_MANAGE,
            REVIEW_RUN, AUDIT_READ).toList()));

    private Permissions() {
    }

    /** Whether the catalog holds {@code permission}; null is not known. */
    public static boolean isKnown(Permission permission) {
        return permission != null && ALL.contains(permission);
    }

    /**
     * Parses a permission and insists that it is in the catalog.
     *
     * @param text the written form {@code type:action}; not null
     * @throws IllegalArgumentException when malformed or not in the catalog
     */
    public static Permission parseKnown(String text) {
        Permission permission = Permission.parse(Objects.requireNonNull(text, "permission"));
        if (!isKnown(permission)) {
            throw new IllegalArgumentException("unknown permission '" + text + "'");
        }
        return permission;
    }
}
