package dev.twinledger.policies.role;

import dev.twinledger.policies.permission.Permission;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import static dev.twinledger.policies.permission.Permissions.INVENTORY_READ;
import static dev.twinledger.policies.permission.Permissions.VM_PROVISION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RoleTest {

    @Test
    void allowsExactlyItsPermissions() {
        Role role = Role.of("operator", VM_PROVISION, INVENTORY_READ);

        assertThat(role.allows(VM_PROVISION)).isTrue();
        assertThat(role.allows(Permission.parse("vm:migrate"))).isFalse();
        assertThat(role.allows(null)).isFalse();
    }

    @Test
    void keepsPermissionsSortedAndUnmodifiable() {
        Role role = Role.of("operator", VM_PROVISION, INVENTORY_READ);

        assertThat(role.permissions()).containsExactly(INVENTORY_READ, VM_PROVISION);
        assertThatThrownBy(() -> role.permissions().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void copiesTheCallersSet() {
        Set<Permission> permissions = new HashSet<>(Set.of(INVENTORY_READ));
        Role role = new Role("viewer", permissions);

        permissions.add(VM_PROVISION);

        assertThat(role.permissions()).containsExactly(INVENTORY_READ);
    }

    @Test
    void emptyRoleIsAllowed() {
        assertThat(Role.of("nobody").permissions()).isEmpty();
    }

    @Test
    void malformedNamesAreRejected() {
        assertThatThrownBy(() -> Role.of("Operator")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("role name");
        assertThatThrownBy(() -> Role.of(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void nullPermissionsAreRejected() {
        assertThatThrownBy(() -> new Role("viewer", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Role("viewer", new HashSet<>(Arrays.asList(INVENTORY_READ, null))))
                .isInstanceOf(NullPointerException.class);
    }
}
