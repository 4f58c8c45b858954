package dev.twinledger.policies.grant;

import org.junit.jupiter.api.Test;

import static dev.twinledger.policies.Fixtures.between;
import static dev.twinledger.policies.Fixtures.day;
import static dev.twinledger.policies.Fixtures.from;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValidityTest {

    @Test
    void startIsInclusive() {
        assertThat(between(1, 3).contains(day(1))).isTrue();
        assertThat(between(1, 3).contains(day(1).minusNanos(1))).isFalse();
        assertThat(between(1, 3).startsAfter(day(1).minusNanos(1))).isTrue();
        assertThat(between(1, 3).startsAfter(day(1))).isFalse();
    }

    @Test
    void endIsExclusive() {
        assertThat(between(1, 3).contains(day(3).minusNanos(1))).isTrue();
        assertThat(between(1, 3).contains(day(3))).isFalse();
        assertThat(between(1, 3).hasEndedBy(day(3))).isTrue();
        assertThat(between(1, 3).hasEndedBy(day(3).minusNanos(1))).isFalse();
    }

    @Test
    void openEndedIntervalNeverEnds() {
        assertThat(from(1).contains(day(100_000))).isTrue();
        assertThat(from(1).hasEndedBy(day(100_000))).isFalse();
        assertThat(from(1).until()).isNull();
    }

    @Test
    void endMustFollowStart() {
        assertThatThrownBy(() -> between(2, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must end after it starts");
        assertThatThrownBy(() -> between(2, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Validity(null, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Validity.between(day(1), null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void enclosesIntervalsInsideIt() {
        assertThat(between(1, 5).encloses(between(1, 5))).isTrue();
        assertThat(between(1, 5).encloses(between(2, 4))).isTrue();
        assertThat(from(1).encloses(from(2))).isTrue();
        assertThat(from(1).encloses(between(2, 3))).isTrue();
    }

    @Test
    void doesNotEncloseIntervalsReachingOutside() {
        assertThat(between(1, 5).encloses(between(0, 4))).as("starts earlier").isFalse();
        assertThat(between(1, 5).encloses(between(2, 6))).as("ends later").isFalse();
        assertThat(between(1, 5).encloses(from(2))).as("never ends").isFalse();
    }

    @Test
    void intersectionIsTheSharedPart() {
        assertThat(between(1, 5).intersection(between(3, 8))).contains(between(3, 5));
        assertThat(between(3, 8).intersection(between(1, 5))).contains(between(3, 5));
        assertThat(from(1).intersection(between(3, 8))).contains(between(3, 8));
        assertThat(between(3, 8).intersection(from(1))).contains(between(3, 8));
        assertThat(from(1).intersection(from(4))).contains(from(4));
    }

    @Test
    void touchingIntervalsShareNothing() {
        assertThat(between(1, 3).intersection(between(3, 5))).isEmpty();
        assertThat(between(1, 3).overlaps(between(3, 5))).isFalse();
        assertThat(between(3, 5).overlaps(between(1, 3))).isFalse();
        assertThat(between(1, 3).overlaps(between(2, 5))).isTrue();
    }

    @Test
    void describesItsBounds() {
        assertThat(between(0, 1)).hasToString("from 2025-03-01T00:00:00Z until 2025-03-02T00:00:00Z");
        assertThat(from(0)).hasToString("from 2025-03-01T00:00:00Z on");
    }
}
