package dev.twinledger.commandside.alerting;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BackoffTest {

    private static final Backoff DEFAULTS = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), 2.0, 0.5);

    @Test
    void withoutJitterTheWaitDoublesFromTheInitialOne() {
        assertThat(DEFAULTS.after(1, () -> 0.0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(DEFAULTS.after(2, () -> 0.0)).isEqualTo(Duration.ofSeconds(2));
        assertThat(DEFAULTS.after(3, () -> 0.0)).isEqualTo(Duration.ofSeconds(4));
        assertThat(DEFAULTS.after(8, () -> 0.0)).isEqualTo(Duration.ofSeconds(128));
    }

    @Test
    void theWaitIsCappedAtTheMaximum() {
        assertThat(DEFAULTS.after(9, () -> 0.0)).isEqualTo(Duration.ofSeconds(256));
        assertThat(DEFAULTS.after(10, () -> 0.0)).isEqualTo(Duration.ofMinutes(5));
        assertThat(DEFAULTS.after(10_000, () -> 0.0)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void jitterTakesOffAtMostItsShare() {
        assertThat(DEFAULTS.after(3, () -> 0.999_999)).isEqualTo(Duration.ofSeconds(2));
        assertThat(DEFAULTS.after(3, () -> 0.5)).isEqualTo(Duration.ofSeconds(3));
        assertThat(DEFAULTS.after(20, () -> 0.999_999)).isEqualTo(Duration.ofMinutes(5).dividedBy(2));
    }

    @Test
    void noJitterMeansTheSameWaitWhateverTheRandomValue() {
        Backoff steady = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), 3.0, 0.0);

        assertThat(steady.after(2, () -> 0.9)).isEqualTo(Duration.ofMillis(300));
        assertThat(steady.after(3, () -> 0.1)).isEqualTo(Duration.ofMillis(900));
        assertThat(steady.after(4, () -> 0.5)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void inconsistentSettingsAreRefused() {
        assertThatIllegalArgumentException().isThrownBy(() ->
                new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 2.0, 0.5));
        assertThatIllegalArgumentException().isThrownBy(() ->
                new Backoff(Duration.ZERO, Duration.ofSeconds(1), 2.0, 0.5));
        assertThatIllegalArgumentException().isThrownBy(() ->
                new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 0.5, 0.5));
        assertThatIllegalArgumentException().isThrownBy(() ->
                new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 2.0, 1.5));
        assertThatIllegalArgumentException().isThrownBy(() -> DEFAULTS.after(0, () -> 0.0));
    }
}
