package dev.twinledger.policies.grant;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A half-open interval of time {@code [from, until)}: valid at {@code from}, no longer valid at {@code until}. An
 * open-ended interval has no {@code until}.
 *
 * @param from  the first instant of validity; not null
 * @param until the first instant no longer valid, after {@code from}; null for open-ended
 */
public record Validity(Instant from, Instant until) {

    /**
     * Checks the bounds: null {@code from} gives {@link NullPointerException}, {@code until <= from}
     * {@link IllegalArgumentException}.
     */
    public Validity {
        Objects.requireNonNull(from, "from");
        if (until != null && !until.isAfter(from)) {
            throw new IllegalArgumentException("validity must end after it starts: " + from + " .. " + until);
        }
    }

    /** Valid from {@code from} on, with no end. */
    public static Validity startingAt(Instant from) {
        return new Validity(from, null);
    }

    /** Valid from {@code from} (inclusive) until {@code until} (exclusive). */
    public static Validity between(Instant from, Instant until) {
        return new Validity(from, Objects.requireNonNull(until, "until"));
    }

    /** Whether {@code at} is inside: {@code from <= at < until}. */
    public boolean contains(Instant at) {
        return !startsAfter(at) && !hasEndedBy(at);
    }

    /** Whether {@code at} is before the start. */
    public boolean startsAfter(Instant at) {
        return at.isBefore(from);
    }

    /** Whether the interval has ended at {@code at} ({@code at >= until}); never for an open-ended one. */
    public boolean hasEndedBy(Instant at) {
        return until != null && !at.isBefore(until);
    }

    /** Whether every instant of {@code other} is inside this interval. */
    public boolean encloses(Validity other) {
        if (other.from.isBefore(from)) {
            return false;
        }
        return until == null || (other.until != null && !other.until.isAfter(until));
    }

    /** Whether some instant lies in both intervals. */
    public boolean overlaps(Validity other) {
        return intersection(other).isPresent();
    }

    /** The instants in both intervals, or empty when they share none. */
    public Optional<Validity> intersection(Validity other) {
        Instant start = from.isAfter(other.from) ? from : other.from;
        Instant end = earlierEnd(until, other.until);
        if (end != null && !end.isAfter(start)) {
            return Optional.empty();
        }
        return Optional.of(new Validity(start, end));
    }

    private static Instant earlierEnd(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.isBefore(b) ? a : b;
    }

    /** For example {@code from 2025-01-01T00:00:00Z until 2025-02-01T00:00:00Z}, or {@code from ... on}. */
    @Override
    public String toString() {
        return until == null ? "from " + from + " on" : "from " + from + " until " + until;
    }
}
