package dev.twinledger.policies.evaluation;

import dev.twinledger.policies.permission.Permission;
import dev.twinledger.policies.scope.Scope;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static dev.twinledger.policies.Fixtures.day;
import static dev.twinledger.policies.permission.Permissions.INVENTORY_READ;
import static dev.twinledger.policies.permission.Permissions.VM_PROVISION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccessMatrixTest {

    @Test
    void rowsAreSortedCopies() {
        Map<String, Map<Permission, Coverage>> rows = new HashMap<>();
        rows.put("zed", Map.of(INVENTORY_READ, Coverage.PART));
        rows.put("amy", Map.of(VM_PROVISION, Coverage.WHOLE, INVENTORY_READ, Coverage.WHOLE));

        AccessMatrix matrix = new AccessMatrix(Scope.EVERYWHERE, day(0), rows);
        rows.clear();

        assertThat(matrix.rows().keySet()).containsExactly("amy", "zed");
        assertThat(matrix.rows().get("amy").keySet()).containsExactly(INVENTORY_READ, VM_PROVISION);
        assertThatThrownBy(() -> matrix.rows().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void emptyRowIsRejected() {
        assertThatThrownBy(() -> new AccessMatrix(Scope.EVERYWHERE, day(0), Map.of("amy", Map.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty row");
    }

    @Test
    void scopeAndInstantAreRequired() {
        assertThatThrownBy(() -> new AccessMatrix(null, day(0), Map.of())).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new AccessMatrix(Scope.EVERYWHERE, null, Map.of()))
                .isInstanceOf(NullPointerException.class);
    }
}
