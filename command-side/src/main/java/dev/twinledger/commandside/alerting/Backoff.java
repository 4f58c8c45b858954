package dev.twinledger.commandside.alerting;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * How long to wait after a failed attempt: {@code initial * multiplier^(failures - 1)}, capped at {@code max}, then
 * shortened by a random share of up to {@code jitter} so that receivers coming back are not hit by every retry at
 * once.
 *
 * @param initial    the wait after the first failure; positive
 * @param max        the longest wait; at least {@code initial}
 * @param multiplier growth per failure; at least 1
 * @param jitter     the largest share taken off at random, 0 (none) to 1
 */
public record Backoff(Duration initial, Duration max, double multiplier, double jitter) {

    public Backoff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 0 < initial <= max, got " + initial + " and " + max);
        }
        if (multiplier < 1 || jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("need multiplier >= 1 and 0 <= jitter <= 1");
        }
    }

    /**
     * The wait after the {@code failures}-th failed attempt.
     *
     * @param failures failed attempts so far, at least 1
     * @param random   a value in [0, 1), e.g. {@code ThreadLocalRandom.current()::nextDouble}
     */
    public Duration after(int failures, DoubleSupplier random) {
        if (failures < 1) {
            throw new IllegalArgumentException("failures must be at least 1, got " + failures);
        }
        // Math.pow overflows to infinity for many failures; min() then yields max.
        double exponential = initial.toMillis() * Math.pow(multiplier, failures - 1);
        double capped = Math.min(exponential, max.toMillis());
        double jittered = capped * (1 - jitter * random.getAsDouble());
        return Duration.ofMillis(Math.max(1, Math.round(jittered)));
    }
}
