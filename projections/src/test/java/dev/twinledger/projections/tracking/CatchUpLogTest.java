package dev.twinledger.projections.tracking;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class CatchUpLogTest {

    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong nanos = new AtomicLong();
    private final AtomicReference<List<PartitionLag>> lag = new AtomicReference<>(List.of());
    private final CatchUpLog log = new CatchUpLog("inventory", applied::get, lag::get, nanos::get,
            Duration.ofSeconds(10));

    @Test
    void reportsAppliedRateAndLagByPartitionWhileFarBehind() {
        lag.set(List.of(new PartitionLag(0, 10L, 5_011, 5_000), new PartitionLag(1, null, 2_000, 2_000)));
        applied.set(20_000);
        nanos.set(Duration.ofSeconds(10).toNanos());

        assertThat(log.report()).hasValueSatisfying(line -> assertThat(line)
                .contains("catching up", "20,000 events applied", "2,000 events/s", "7,000 records behind",
                        "0=5000", "1=2000"));
    }

    @Test
    void saysCaughtUpOnceThenStaysQuiet() {
        lag.set(List.of(new PartitionLag(0, 0L, 5_000, 5_000)));
        assertThat(log.report()).isPresent();

        lag.set(List.of(new PartitionLag(0, 4_990L, 5_000, 9)));
        assertThat(log.report()).hasValueSatisfying(line -> assertThat(line).contains("caught up"));
        assertThat(log.report()).isEmpty();
    }

    @Test
    void isQuietWhileKeepingUpOrWhenTheLagCannotBeRead() {
        lag.set(List.of(new PartitionLag(0, 100L, 120, 19)));
        assertThat(log.report()).isEmpty();

        CatchUpLog unreadable = new CatchUpLog("inventory", applied::get, () -> {
            throw new IllegalStateException("Kafka down");
        }, nanos::get, Duration.ofSeconds(10));
        assertThat(unreadable.report()).isEmpty();
    }
}
