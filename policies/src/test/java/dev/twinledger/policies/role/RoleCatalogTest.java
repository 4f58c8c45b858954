package dev.twinledger.policies.role;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.twinledger.policies.permission.Permissions.INVENTORY_READ;
import static dev.twinledger.policies.permission.Permissions.VM_PROVISION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RoleCatalogTest {

    private static final Role VIEWER = Role.of("viewer", INVENTORY_READ);
    private static final Role OPERATOR = Role.of("operator", INVENTORY_READ, VM_PROVISION);
    private final RoleCatalog catalog = RoleCatalog.of(List.of(VIEWER, OPERATOR), Set.of("operator"));

    @Test
    void findsRolesByName() {
        assertThat(catalog.role("viewer")).contains(VIEWER);
        assertThat(catalog.role("ghost")).isEmpty();
        assertThat(catalog.role(null)).isEmpty();
        assertThat(catalog.isDefined("operator")).isTrue();
        assertThat(catalog.isDefined("ghost")).isFalse();
    }

    @Test
    void undefinedRoleHasNoPermissions() {
        assertThat(catalog.permissionsOf("operator")).containsExactly(INVENTORY_READ, VM_PROVISION);
        assertThat(catalog.permissionsOf("ghost")).isEmpty();
    }

    @Test
    void saysWhichRolesArePrivileged() {
        assertThat(catalog.isPrivileged("operator")).isTrue();
        assertThat(catalog.isPrivileged("viewer")).isFalse();
        assertThat(catalog.isPrivileged(null)).isFalse();
    }

    @Test
    void roleFiledUnderAnotherNameIsRejected() {
        assertThatThrownBy(() -> new RoleCatalog(Map.of("admin", VIEWER), Set.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("filed under 'admin'");
    }

    @Test
    void privilegedRoleMustBeDefined() {
        assertThatThrownBy(() -> RoleCatalog.of(List.of(VIEWER), Set.of("operator")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'operator' is not defined");
    }

    @Test
    void twoRolesWithOneNameAreRejected() {
        assertThatThrownBy(() -> RoleCatalog.of(List.of(VIEWER, Role.of("viewer")), Set.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("defined twice");
    }

    @Test
    void withAddsOrReplacesARole() {
        Role narrowOperator = Role.of("operator", INVENTORY_READ);
        Role auditor = Role.of("auditor", INVENTORY_READ);

        RoleCatalog changed = catalog.with(narrowOperator).with(auditor);

        assertThat(changed.roles()).containsOnlyKeys("auditor", "operator", "viewer");
        assertThat(changed.permissionsOf("operator")).containsExactly(INVENTORY_READ);
        assertThat(changed.isPrivileged("operator")).isTrue();
        assertThat(catalog.permissionsOf("operator")).contains(VM_PROVISION);
    }

    @Test
    void withoutRemovesARoleAndItsPrivilege() {
        RoleCatalog changed = catalog.without("operator");

        assertThat(changed.isDefined("operator")).isFalse();
        assertThat(changed.privileged()).isEmpty();
        assertThat(catalog.without("ghost")).isEqualTo(catalog);
    }

    @Test
    void callerConfiguresPrivilegedRoles() {
        assertThat(catalog.withPrivileged(Set.of("viewer")).privileged()).containsExactly("viewer");
    }

    @Test
    void collectionsAreUnmodifiable() {
        assertThatThrownBy(() -> catalog.roles().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> catalog.privileged().clear()).isInstanceOf(UnsupportedOperationException.class);
    }
}
