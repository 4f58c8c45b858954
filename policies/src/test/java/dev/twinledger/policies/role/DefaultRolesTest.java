package dev.twinledger.policies.role;

import dev.twinledger.policies.permission.Permissions;
import org.junit.jupiter.api.Test;

import static dev.twinledger.policies.permission.Permissions.AUDIT_READ;
import static dev.twinledger.policies.permission.Permissions.CAMPAIGN_RUN;
import static dev.twinledger.policies.permission.Permissions.HOST_MAINTENANCE;
import static dev.twinledger.policies.permission.Permissions.HOST_REGISTER;
import static dev.twinledger.policies.permission.Permissions.INVENTORY_READ;
import static dev.twinledger.policies.permission.Permissions.SITE_REGISTER;
import static dev.twinledger.policies.permission.Permissions.VM_DECOMMISSION;
import static dev.twinledger.policies.permission.Permissions.VM_MIGRATE;
import static dev.twinledger.policies.permission.Permissions.VM_PROVISION;
import static org.assertj.core.api.Assertions.assertThat;

class DefaultRolesTest {

    private final RoleCatalog catalog = DefaultRoles.catalog();

    @Test
    void namesMatchTheKeycloakRealmRoles() {
        assertThat(catalog.roles()).containsOnlyKeys("viewer", "operator", "platform-admin", "access-admin",
                "auditor");
    }

    @Test
    void viewerReadsTheInventory() {
        assertThat(catalog.permissionsOf(DefaultRoles.VIEWER)).containsExactly(INVENTORY_READ);
    }

    @Test
    void operatorRunsVms() {
        assertThat(catalog.permissionsOf(DefaultRoles.OPERATOR))
                .containsExactlyInAnyOrder(INVENTORY_READ, VM_PROVISION, VM_DECOMMISSION, VM_MIGRATE,
                        Permissions.VM_OPERATE, Permissions.VOLUME_MANAGE, Permissions.STORAGE_MANAGE);
    }

    @Test
    void platformAdminAlsoRunsSitesHostsAndCampaigns() {
        assertThat(catalog.permissionsOf(DefaultRoles.PLATFORM_ADMIN))
                .containsAll(catalog.permissionsOf(DefaultRoles.OPERATOR))
                .contains(SITE_REGISTER, HOST_REGISTER, HOST_MAINTENANCE, Permissions.HOST_DECOMMISSION,
                        Permissions.PROJECT_REGISTER, CAMPAIGN_RUN)
                .hasSize(13);
    }

    @Test
    void accessAdminHoldsEverythingItMayHandOut() {
        assertThat(catalog.permissionsOf(DefaultRoles.ACCESS_ADMIN)).isEqualTo(Permissions.ALL);
    }

    @Test
    void auditorReadsTheInventoryAndTheAuditLog() {
        assertThat(catalog.permissionsOf(DefaultRoles.AUDITOR)).containsExactly(AUDIT_READ, INVENTORY_READ);
    }

    @Test
    void adminRolesArePrivileged() {
        assertThat(catalog.privileged()).containsExactly("access-admin", "platform-admin");
    }

    @Test
    void everyDefaultPermissionIsInTheCatalog() {
        catalog.roles().values().forEach(role -> assertThat(Permissions.ALL).containsAll(role.permissions()));
    }
}
