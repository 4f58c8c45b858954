package dev.twinledger.projections.tracking;

import org.apache.kafka.common.TopicPartition;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaTrackingToken;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How far one projection has come: which global positions it has applied (for read-your-writes), and how far its
 * consumer is behind the topic (for health).
 *
 * <p>"Applied" always means that exact position was applied and committed. The highest applied position says
 * nothing about lower ones: positions arrive out of global order (several partitions, and gaps the event store
 * fills later), so a caller waiting for P must not be released because P+1 is already there.
 *
 * <p>Thread-safe. {@link #awaitApplied} asks the database once, then is woken by the processor after each committed
 * batch and looks among the positions this process committed lately (in memory), and re-checks the database every
 * {@value #RECHECK_MILLIS} ms, so it also notices commits made by another process on the same database. Waiters
 * never query the database per batch: a hundred of them would otherwise take the connections the projection needs.
 */
public class ProjectionProgress {

    static final long RECHECK_MILLIS = 200;
    /** Far more positions than waiters can be waiting for at once (each waits for a command just acknowledged). */
    static final int RECENT_POSITIONS = 65_536;

    private final String processorName;
    private final AppliedEventLog appliedEvents;
    private final CommittedTokens tokens;
    private final KafkaTopicAdmin topicAdmin;

    private final Object commits = new Object();
    private long commitCount;
    private final RecentlyApplied recentlyApplied = new RecentlyApplied(RECENT_POSITIONS);
    private final AtomicLong skippedDuplicates = new AtomicLong();
    private final AtomicLong appliedSinceStart = new AtomicLong();

    /**
     * @param processorName the tracking processor (and processing group) of the projection
     * @param appliedEvents where applied positions are recorded
     * @param tokens        reads the processor's committed token, for lag; may be null where lag is not needed
     * @param topicAdmin    reads the topic's offsets, for lag; may be null where lag is not needed
     */
    public ProjectionProgress(String processorName, AppliedEventLog appliedEvents, CommittedTokens tokens,
                              KafkaTopicAdmin topicAdmin) {
        this.processorName = processorName;
        this.appliedEvents = appliedEvents;
        this.tokens = tokens;
        this.topicAdmin = topicAdmin;
    }

    /** The processor whose progress this is. */
    public String processorName() {
        return processorName;
    }

    /** Whether the event at exactly this global position has been applied and committed. */
    public boolean hasApplied(long position) {
        return appliedEvents.isApplied(processorName, position);
    }

    /**
     * Waits until the event at {@code position} has been applied, at most {@code timeout}.
     *
     * @return {@code true} as soon as it is applied (immediately if it already was), {@code false} when the timeout
     *         passed first
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public boolean awaitApplied(long position, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long nextDatabaseCheck = System.nanoTime();
        while (true) {
            long seen;
            synchronized (commits) {
                seen = commitCount;
            }
            if (recentlyApplied.contains(position)) {
                return true;
            }
            long now = System.nanoTime();
            if (now - nextDatabaseCheck >= 0) {
                if (hasApplied(position)) {
                    return true;
                }
                nextDatabaseCheck = now + TimeUnit.MILLISECONDS.toNanos(RECHECK_MILLIS);
            }
            long remaining = deadline - now;
            if (remaining <= 0) {
                return false;
            }
            long waitMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(Math.min(remaining, nextDatabaseCheck - now)));
            synchronized (commits) {
                // A commit between our check and here has already moved commitCount: check again at once.
                if (commitCount == seen) {
                    commits.wait(waitMillis);
                }
            }
        }
    }

    /** The highest global position applied so far; empty before the first event. Not a watermark (see above). */
    public OptionalLong highestAppliedPosition() {
        return appliedEvents.highestPosition(processorName);
    }

    /** How many events were applied so far. */
    public long appliedCount() {
        return appliedEvents.count(processorName);
    }

    /** Redelivered events this process has skipped since it started. */
    public long skippedDuplicates() {
        return skippedDuplicates.get();
    }

    /**
     * The consumer lag per partition of the topic: records on the topic that the committed token has not consumed.
     *
     * @throws IllegalStateException when there is no token reader or topic admin to ask
     * @throws KafkaTopicAdmin.KafkaUnavailableException when Kafka does not answer within the admin timeout
     */
    public List<PartitionLag> consumerLag() {
        if (tokens == null || topicAdmin == null) {
            throw new IllegalStateException("lag needs a token reader and a topic admin");
        }
        Map<TopicPartition, Long> consumed = consumedOffsets();
        List<PartitionLag> lags = new ArrayList<>();
        topicAdmin.partitionOffsets().forEach((partition, offsets) -> {
            Long lastConsumed = consumed.get(new TopicPartition(topicAdmin.topic(), partition));
            // The token holds the offset of the last record consumed; the consumer resumes at the next one, or at
            // the earliest retained offset for a partition it never read.
            long next = lastConsumed == null ? offsets.earliest() : Math.max(lastConsumed + 1, offsets.earliest());
            lags.add(new PartitionLag(partition, lastConsumed, offsets.latest(), Math.max(0, offsets.latest() - next)));
        });
        return lags;
    }

    /** The offsets (last consumed record per partition) in the processor's committed token; empty if none yet. */
    public Map<TopicPartition, Long> consumedOffsets() {
        if (tokens == null) {
            return Map.of();
        }
        Optional<TrackingToken> token = tokens.committedToken(processorName, 0);
        return token.map(WrappedToken::unwrapLowerBound)
                .filter(KafkaTrackingToken.class::isInstance)
                .map(t -> ((KafkaTrackingToken) t).getPositions())
                .orElse(Map.of());
    }

    /** Called by the processor after each committed batch, with the positions the batch applied or skipped. */
    void batchCommitted(Collection<Long> positions) {
        recentlyApplied.addAll(positions);
        synchronized (commits) {
            commitCount++;
            commits.notifyAll();
        }
    }

    /** Events this process has applied and committed since it started (redeliveries skipped are not counted). */
    public long appliedSinceStart() {
        return appliedSinceStart.get();
    }

    /** Called by the processor after a batch that applied {@code count} events committed. */
    void eventsApplied(long count) {
        appliedSinceStart.addAndGet(count);
    }

    /** Called by the processor after a batch that skipped a redelivered event committed. */
    void duplicateSkipped() {
        skippedDuplicates.incrementAndGet();
    }
}
