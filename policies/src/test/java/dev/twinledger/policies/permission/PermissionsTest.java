package dev.twinledger.policies.permission;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PermissionsTest {

    @Test
    void catalogHoldsEveryPermissionTheCommandsCheck() {
        assertThat(Permissions.ALL).extracting(Permission::toString).containsExactly(
                "audit:read", "campaign:run", "grant:approve", "grant:create", "grant:revoke", "group:manage",
                "host:decommission", "host:maintenance", "host:register", "inventory:read", "project:register",
                "review:run", "role:define", "site:register", "storage:manage", "vm:decommission", "vm:migrate",
                "vm:operate", "vm:provision", "volume:manage");
    }

    @Test
    void catalogIsUnmodifiable() {
        assertThatThrownBy(() -> Permissions.ALL.add(Permission.parse("vm:steal")))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void knowsItsOwnPermissionsOnly() {
        assertThat(Permissions.isKnown(Permissions.VM_MIGRATE)).isTrue();
        assertThat(Permissions.isKnown(Permission.parse("vm:steal"))).isFalse();
        assertThat(Permissions.isKnown(null)).isFalse();
    }

    @Test
    void parseKnownAcceptsCatalogPermissions() {
        assertThat(Permissions.parseKnown("grant:create")).isEqualTo(Permissions.GRANT_CREATE);
    }

    @Test
    void parseKnownRejectsUnknownPermissions() {
        assertThatThrownBy(() -> Permissions.parseKnown("vm:steal"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown permission 'vm:steal'");
        assertThatThrownBy(() -> Permissions.parseKnown(null)).isInstanceOf(NullPointerException.class);
    }
}
