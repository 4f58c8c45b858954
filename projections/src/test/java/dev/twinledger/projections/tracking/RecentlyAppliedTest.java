package dev.twinledger.projections.tracking;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecentlyAppliedTest {

    @Test
    void holdsTheNewestPositionsAndForgetsTheOldestFirst() {
        RecentlyApplied recent = new RecentlyApplied(3);
        recent.addAll(List.of(5L, 3L));
        recent.addAll(List.of(3L, 9L));

        assertThat(recent.contains(5)).isTrue();
        assertThat(recent.contains(4)).isFalse();

        recent.addAll(List.of(11L));

        assertThat(recent.contains(5)).as("the oldest, forgotten").isFalse();
        assertThat(recent.contains(3)).isTrue();
        assertThat(recent.contains(9)).isTrue();
        assertThat(recent.contains(11)).isTrue();
    }

    @Test
    void needsRoomForAtLeastOnePosition() {
        assertThatThrownBy(() -> new RecentlyApplied(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
