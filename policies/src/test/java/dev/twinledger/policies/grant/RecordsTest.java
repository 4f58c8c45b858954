package dev.twinledger.policies.grant;

import org.junit.jupiter.api.Test;

import static dev.twinledger.policies.Fixtures.day;
import static dev.twinledger.policies.Fixtures.from;
import static dev.twinledger.policies.Fixtures.member;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordsTest {

    @Test
    void eventStampNamesActorTimeAndEvent() {
        assertThat(new EventStamp("alice", day(0), "e-1", 17))
                .hasToString("alice at 2025-03-01T00:00:00Z (event e-1 at position 17)");
        assertThat(new EventStamp("alice", day(0), "e-1", 0).position()).isZero();
    }

    @Test
    void eventStampNeedsEveryField() {
        assertThatThrownBy(() -> new EventStamp(null, day(0), "e-1", 1)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new EventStamp("alice", null, "e-1", 1)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new EventStamp("alice", day(0), " ", 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EventStamp("alice", day(0), "e-1", -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("zero or more");
    }

    @Test
    void justificationHasTextAndMaybeATicket() {
        assertThat(Justification.of("on call")).isEqualTo(new Justification("on call", null));
        assertThat(new Justification("on call", "CHG-1").ticket()).isEqualTo("CHG-1");
    }

    @Test
    void justificationMustSaySomething() {
        assertThatThrownBy(() -> Justification.of(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Justification.of(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Justification("on call", " ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ticket");
    }

    @Test
    void membershipExistsFromTheEventThatAddedIt() {
        GroupMembership membership = member("ops", "alice", from(1));

        assertThat(membership.existsAt(day(0))).isTrue();
        assertThat(membership.existsAt(day(0).minusNanos(1))).isFalse();
        assertThat(membership.group()).isEqualTo(Principal.group("ops"));
    }

    @Test
    void membershipNeedsEveryField() {
        assertThatThrownBy(() -> member(" ", "alice", from(0))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> member("ops", null, from(0))).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> member("ops", "alice", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new GroupMembership("ops", "alice", from(0), null))
                .isInstanceOf(NullPointerException.class);
    }
}
