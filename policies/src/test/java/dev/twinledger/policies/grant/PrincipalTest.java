package dev.twinledger.policies.grant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PrincipalTest {

    @Test
    void userAndGroupAreWrittenWithTheirKind() {
        assertThat(Principal.user("alice")).hasToString("user:alice");
        assertThat(Principal.group("ops")).hasToString("group:ops");
        assertThat(Principal.user("alice").isUser()).isTrue();
        assertThat(Principal.group("ops").isUser()).isFalse();
    }

    @Test
    void userAndGroupOfOneIdDiffer() {
        assertThat(Principal.user("ops")).isNotEqualTo(Principal.group("ops"));
    }

    @Test
    void kindAndIdAreRequired() {
        assertThatThrownBy(() -> new Principal(null, "alice")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Principal.user(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Principal.user(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not be blank");
    }
}
