package dev.twinledger.policies.role;

import dev.twinledger.policies.permission.Permission;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.twinledger.policies.permission.Permissions.ALL;
import static dev.twinledger.policies.permission.Permissions.AUDIT_READ;
import static dev.twinledger.policies.permission.Permissions.CAMPAIGN_RUN;
import static dev.twinledger.policies.permission.Permissions.HOST_MAINTENANCE;
import static dev.twinledger.policies.permission.Permissions.HOST_REGISTER;
import static dev.twinledger.policies.permission.Permissions.INVENTORY_READ;
import static dev.twinledger.policies.permission.Permissions.SITE_REGISTER;
import static dev.twinledger.policies.permission.Permissions.VM_DECOMMISSION;
import static dev.twinledger.policies.permission.Permissions.VM_MIGRATE;
import static dev.twinledger.policies.permission.Permissions.VM_PROVISION;
import static dev.twinledger.policies.permission.Permissions.VM_OPERATE;
import static dev.twinledger.policies.permission.Permissions.VOLUME_MANAGE;
import static dev.twinledger.policies.permission.Permissions.STORAGE_MANAGE;
import static dev.twinledger.policies.permission.Permissions.HOST_DECOMMISSION;
import static dev.twinledger.policies.permission.Permissions.PROJECT_REGISTER;

/**
 * The roles seeded at first start. Names match the Keycloak realm roles.
 * <ul>
 *   <li>{@code viewer}: reads the inventory.</li>
 *   <li>{@code operator}: a viewer who also provisions, operates, decommissions and migrates VMs, and manages
 *       volumes and object-storage containers.</li>
 *   <li>{@code platform-admin}: an operator who also registers sites, hosts and projects, puts hosts into
 *       maintenance, decommissions them and runs upgrade campaigns.</li>
 *   <li>{@code access-admin}: every permission in {@link dev.twinledger.policies.permission.Permissions#ALL}. No
 *       escalation means one may grant only what one holds, so the root of all grants must hold everything it
 *       may hand out; an admin who could grant {@code operator} without holding it could grant it to herself.</li>
 *   <li>{@code auditor}: reads the inventory and the audit log.</li>
 * </ul>
 * {@code access-admin} and {@code platform-admin} are privileged.
 */
public final class DefaultRoles {

    /** Role name {@value}. */
    public static final String VIEWER = "viewer";
    /** Role name {@value}. */
    public static final String OPERATOR = "operator";
    /** Role name {@value}. */
    public static final String PLATFORM_ADMIN = "platform-admin";
    /** Role name {@value}. */
    public static final String ACCESS_ADMIN = "access-admin";
    /** Role name {@value}. */
    public static final String AUDITOR = "auditor";

    private static final Set<Permission> OPERATOR_PERMISSIONS =
            Set.of(INVENTORY_READ, VM_PROVISION, VM_DECOMMISSION, VM_MIGRATE, VM_OPERATE, VOLUME_MANAGE,
                    STORAGE_MANAGE);

    private DefaultRoles() {
    }

    /** The default catalog: the five roles above, {@code access-admin} and {@code platform-admin} privileged. */
    public static RoleCatalog catalog() {
        return RoleCatalog.of(List.of(
                Role.of(VIEWER, INVENTORY_READ),
                new Role(OPERATOR, OPERATOR_PERMISSIONS),
                new Role(PLATFORM_ADMIN, union(OPERATOR_PERMISSIONS,
                        Set.of(SITE_REGISTER, HOST_REGISTER, HOST_MAINTENANCE, HOST_DECOMMISSION, PROJECT_REGISTER,
                                CAMPAIGN_RUN))),
                new Role(ACCESS_ADMIN, ALL),
                Role.of(AUDITOR, INVENTORY_READ, AUDIT_READ)),
                Set.of(ACCESS_ADMIN, PLATFORM_ADMIN));
    }

    private static Set<Permission> union(Set<Permission> a, Set<Permission> b) {
        Set<Permission> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }
}
