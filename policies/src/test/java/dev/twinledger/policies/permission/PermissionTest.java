package dev.twinledger.policies.permission;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PermissionTest {

    @Test
    void parsesTypeAndAction() {
        Permission permission = Permission.parse("vm:provision");

        assertThat(permission.resourceType()).isEqualTo("vm");
        assertThat(permission.action()).isEqualTo("provision");
        assertThat(permission).hasToString("vm:provision").isEqualTo(new Permission("vm", "provision"));
    }

    @Test
    void acceptsDigitsAndHyphensAfterTheFirstLetter() {
        assertThat(Permission.parse("object-store2:read-all")).hasToString("object-store2:read-all");
    }

    @Test
    void textWithoutColonIsRejected() {
        assertThatThrownBy(() -> Permission.parse("vmprovision"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("type:action");
    }

    @Test
    void nullTextIsRejected() {
        assertThatThrownBy(() -> Permission.parse(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void malformedTypeIsRejected() {
        assertThatThrownBy(() -> Permission.parse("VM:provision"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("resource type");
        assertThatThrownBy(() -> Permission.parse(":provision")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void malformedActionIsRejected() {
        assertThatThrownBy(() -> Permission.parse("vm:")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("action");
        assertThatThrownBy(() -> Permission.parse("vm:provision:now")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Permission.parse("vm:1st")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nullPartsAreRejected() {
        assertThatThrownBy(() -> new Permission(null, "read")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Permission("vm", null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void isWordRejectsNull() {
        assertThat(Permission.isWord(null)).isFalse();
        assertThat(Permission.isWord("ok-1")).isTrue();
    }

    @Test
    void ordersByWrittenForm() {
        assertThat(Permission.parse("vm:migrate")).isLessThan(Permission.parse("vm:provision"));
        assertThat(Permission.parse("host:register")).isLessThan(Permission.parse("vm:migrate"));
    }
}
