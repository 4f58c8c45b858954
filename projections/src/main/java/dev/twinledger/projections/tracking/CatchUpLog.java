package dev.twinledger.projections.tracking;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Logs a projection's catch-up at INFO while it is far behind the topic (a rebuild on an empty read database, or a
 * restart after an outage): events applied, the rate since the last line and the remaining lag by partition, every
 * {@code interval}. One "caught up" line when the lag falls below the threshold, and nothing while it stays there,
 * so a service that keeps up logs nothing.
 *
 * <p>Contract: {@link #report()} decides and returns the line it logged (for tests); {@link #start()} calls it every
 * interval on a daemon thread until {@link #close()}. A lag that cannot be read (Kafka down) is skipped silently:
 * health reports that.
 */
public final class CatchUpLog implements AutoCloseable {

    /** Below this many unconsumed records the projection counts as keeping up. */
    public static final long BEHIND_THRESHOLD = 1_000;

    private static final Logger log = LoggerFactory.getLogger(CatchUpLog.class);

    private final String processor;
    private final LongSupplier appliedSinceStart;
    private final Supplier<List<PartitionLag>> lag;
    private final LongSupplier nanoClock;
    private final Duration interval;
    private ScheduledExecutorService timer;
    private boolean behind;
    private long lastApplied;
    private long lastNanos;

    /**
     * @param processor         the processor named in the lines
     * @param appliedSinceStart events this process has applied and committed since it started
     * @param lag               the consumer lag per partition
     * @param nanoClock         monotonic time in nanoseconds
     * @param interval          time between two checks
     */
    public CatchUpLog(String processor, LongSupplier appliedSinceStart, Supplier<List<PartitionLag>> lag,
                      LongSupplier nanoClock, Duration interval) {
        this.processor = processor;
        this.appliedSinceStart = appliedSinceStart;
        this.lag = lag;
        this.nanoClock = nanoClock;
        this.interval = interval;
        this.lastNanos = nanoClock.getAsLong();
    }

    /** A log for {@code progress}'s processor, checking every {@code interval}. */
    public static CatchUpLog of(ProjectionProgress progress, Duration interval) {
        return new CatchUpLog(progress.processorName(), progress::appliedSinceStart, progress::consumerLag,
                System::nanoTime, interval);
    }

    /** Checks once; answers the line logged, if any. */
    public synchronized Optional<String> report() {
        List<PartitionLag> lags;
        try {
            lags = lag.get();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        long remaining = lags.stream().mapToLong(PartitionLag::lag).sum();
        long applied = appliedSinceStart.getAsLong();
        long now = nanoClock.getAsLong();
        double seconds = Math.max(1e-9, (now - lastNanos) / 1e9);
        double rate = (applied - lastApplied) / seconds;
        lastApplied = applied;
        lastNanos = now;
        String line = null;
        if (remaining >= BEHIND_THRESHOLD) {
            behind = true;
            line = String.format(Locale.ROOT, "%s catching up: %,d events applied since start, %,.0f events/s,"
                            + " %,d records behind (by partition: %s)", processor, applied, rate, remaining,
                    lags.stream().map(p -> p.partition() + "=" + p.lag()).collect(Collectors.joining(", ")));
        } else if (behind) {
            behind = false;
            line = String.format(Locale.ROOT, "%s caught up: %,d events applied since start, %,d records behind",
                    processor, applied, remaining);
        }
        if (line != null) {
            log.info(line);
        }
        return Optional.ofNullable(line);
    }

    /** Starts checking every interval. */
    public synchronized void start() {
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "catch-up-log-" + processor);
                thread.setDaemon(true);
                return thread;
            });
            long millis = interval.toMillis();
            timer.scheduleWithFixedDelay(this::reportQuietly, millis, millis, TimeUnit.MILLISECONDS);
        }
    }

    private void reportQuietly() {
        try {
            report();
        } catch (RuntimeException e) {
            log.debug("catch-up check failed", e);
        }
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }
}
