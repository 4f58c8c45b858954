package dev.twinledger.commandside.keycloaksync;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class DesiredStateTest {

    private static final Instant T0 = Instant.parse("2026-11-01T08:00:00Z");

    @Test
    void everyCreatedGroupIsDesiredEvenWithoutMembers() {
        Directory directory = new Directory().group("ops", T0).group("dba", T0);

        DesiredState desired = DesiredState.of(directory.current(), T0.plusSeconds(1));

        assertThat(desired.groups()).containsExactly("dba", "ops");
        assertThat(desired.memberships()).isEmpty();
    }

    @Test
    void aTimeBoundedMembershipIsDesiredUntilItsEndAndNotFromItsEndOn() {
        Instant end = T0.plusSeconds(3600);
        Directory directory = new Directory().group("ops", T0).member("ops", "alice", T0, end);

        assertThat(DesiredState.of(directory.current(), end.minusMillis(1)).memberships())
                .containsExactly(new Membership("ops", "alice"));
        assertThat(DesiredState.of(directory.current(), end).memberships()).isEmpty();
    }

    @Test
    void aRemovedMemberIsNotDesired() {
        Directory directory = new Directory().group("ops", T0).member("ops", "alice", T0).member("ops", "bob", T0)
                .removeMember("ops", "alice", T0.plusSeconds(60));

        assertThat(DesiredState.of(directory.current(), T0.plusSeconds(61)).memberships())
                .containsExactly(new Membership("ops", "bob"));
    }

    @Test
    void aMembershipStartingLaterIsNotDesiredYet() {
        Instant start = T0.plusSeconds(600);
        Directory directory = new Directory().group("ops", T0).member("ops", "alice", T0, start, null);

        assertThat(DesiredState.of(directory.current(), start.minusMillis(1)).memberships()).isEmpty();
        assertThat(DesiredState.of(directory.current(), start).memberships())
                .containsExactly(new Membership("ops", "alice"));
    }

    @Test
    void usernamesAreComparedInLowerCaseAsKeycloakStoresThem() {
        Directory directory = new Directory().group("ops", T0).member("ops", "Alice", T0);

        assertThat(DesiredState.of(directory.current(), T0).memberships())
                .containsExactly(new Membership("ops", "alice"));
    }
}
