package dev.twinledger.commandside.publishing;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class WatermarkOfTokenTest {

    private static final Instant NOW = Instant.parse("2026-11-26T08:00:00Z");
    private static final Instant ABANDONED_BEFORE = NOW.minus(WatermarkBeacon.GAP_TIMEOUT);

    /** Stored events after each gap: 5 is followed by an old event, 8 by a recent one. */
    private static final Map<Long, Instant> NEXT_STORED = Map.of(
            5L, NOW.minusSeconds(600),
            8L, NOW.minusSeconds(2));

    private static Optional<Instant> nextStoredAt(long gap) {
        return Optional.ofNullable(NEXT_STORED.get(gap));
    }

    @Test
    void without_gaps_everything_up_to_the_index_is_published() {
        var token = GapAwareTrackingToken.newInstance(10, List.of());

        assertThat(WatermarkBeacon.watermarkOf(token, WatermarkOfTokenTest::nextStoredAt, ABANDONED_BEFORE))
                .hasValue(11);
    }

    @Test
    void a_recent_gap_holds_the_watermark_but_an_old_one_is_given_up() {
        var token = GapAwareTrackingToken.newInstance(10, List.of(5L, 8L));

        assertThat(WatermarkBeacon.watermarkOf(token, WatermarkOfTokenTest::nextStoredAt, ABANDONED_BEFORE))
                .hasValue(8);
        assertThat(WatermarkBeacon.watermarkOf(token, WatermarkOfTokenTest::nextStoredAt, NOW.plusSeconds(1)))
                .hasValue(11);
        assertThat(WatermarkBeacon.watermarkOf(token, WatermarkOfTokenTest::nextStoredAt, NOW.minusSeconds(3600)))
                .hasValue(5);
    }

    @Test
    void wrapped_and_sequence_tokens_are_understood_and_unknown_ones_are_not() {
        var gapAware = GapAwareTrackingToken.newInstance(10, List.of());

        var replayUnderway = ReplayToken.createReplayToken(gapAware, GapAwareTrackingToken.newInstance(3, List.of()));

        assertThat(WatermarkBeacon.watermarkOf(replayUnderway, g -> Optional.empty(), ABANDONED_BEFORE)).hasValue(4);
        assertThat(WatermarkBeacon.watermarkOf(ReplayToken.createReplayToken(gapAware), g -> Optional.empty(),
                ABANDONED_BEFORE)).hasValue(0);
        assertThat(WatermarkBeacon.watermarkOf(new GlobalSequenceTrackingToken(4), g -> Optional.empty(),
                ABANDONED_BEFORE)).hasValue(5);
        assertThat(WatermarkBeacon.watermarkOf(
                new org.axonframework.eventhandling.MultiSourceTrackingToken(Map.of()), g -> Optional.empty(),
                ABANDONED_BEFORE)).isEmpty();
    }
}
